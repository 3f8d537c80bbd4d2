package io.slabtrace.parser.ringbuffer;

/**
 * One {@code field:} line of a tracefs format file, e.g.
 * {@code field:unsigned long call_site;	offset:8;	size:8;	signed:0;}.
 *
 * @param type    the C type as written, without the name ({@code unsigned long}, {@code __data_loc char[]})
 * @param signed  the {@code signed:} flag (absent on kernels before 2.6.32: then false)
 * @param loc     how the bytes at {@code offset} are to be read: in place, or as a {@code __data_loc}/{@code __rel_loc} word
 */
public record FieldFormat(String name, String type, int offset, int size, boolean signed, Loc loc) {

    /**
     * {@code __data_loc}: a 32-bit word, low 16 bits the offset of the data from the start of the record,
     * high 16 bits its length. {@code __rel_loc} (5.19+, include/trace/stages/stage5_get_offsets.h): the same,
     * but the offset counts from the end of the word itself.
     */
    public enum Loc { INLINE, DATA_LOC, REL_LOC }
}
