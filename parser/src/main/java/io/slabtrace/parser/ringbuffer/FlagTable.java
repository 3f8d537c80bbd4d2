package io.slabtrace.parser.ringbuffer;

import java.util.List;

/**
 * A {@code __print_flags(REC->field, "|", {mask, "NAME"}, ...)} table of a print fmt, and how the kernel
 * prints a value with it (kernel/trace/trace_output.c {@code trace_print_flags_seq}; libtraceevent's
 * {@code TEP_PRINT_FLAGS} does the same): in table order, each entry whose mask bits are all set is
 * printed and its bits cleared; bits left over follow as {@code 0x...}.
 *
 * @param zeroText what the print fmt shows for 0 instead ({@code (REC->gfp_flags) ? __print_flags(...) : "none"}), or null
 */
public record FlagTable(String delimiter, List<Flag> flags, String zeroText) {

    public record Flag(long mask, String name) {
    }

    public FlagTable {
        flags = List.copyOf(flags);
    }

    public String format(long value) {
        if (value == 0 && zeroText != null) return zeroText;
        StringBuilder s = new StringBuilder();
        long left = value;
        for (Flag f : flags) {
            if (left == 0) break;
            if (f.mask() == 0 || (left & f.mask()) != f.mask()) continue; // a 0 mask would match anything: the kernel's tables end with one
            if (s.length() > 0) s.append(delimiter);
            s.append(f.name());
            left &= ~f.mask();
        }
        if (left != 0) {
            if (s.length() > 0) s.append(delimiter);
            s.append("0x").append(Long.toHexString(left));
        }
        return s.toString();
    }

    /** The mask of the entry of that name, or 0 ({@code __GFP_ACCOUNT} for the {@code accounted=} of kmalloc, which has no such field). */
    public long mask(String name) {
        for (Flag f : flags) if (f.name().equals(name)) return f.mask();
        return 0;
    }
}
