package io.slabtrace.parser.ringbuffer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The format files of Linux 6.18 in samples/traces-6.18/format, and small hand-written ones. */
class EventFormatParserTest {
    static final Path FORMATS = Path.of(System.getProperty("slabtrace.samples", "../samples"), "traces-6.18", "format");

    static EventFormat format(String event) throws Exception {
        return EventFormatParser.parse("kmem", Files.readString(FORMATS.resolve(event + ".format"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void kmallocFieldsAndId() throws Exception {
        EventFormat f = format("kmalloc");
        assertEquals("kmalloc", f.name());
        assertEquals(658, f.id());
        assertEquals(new FieldFormat("call_site", "unsigned long", 8, 8, false, FieldFormat.Loc.INLINE), f.field("call_site"));
        assertEquals(new FieldFormat("ptr", "const void *", 16, 8, false, FieldFormat.Loc.INLINE), f.field("ptr"));
        assertEquals(new FieldFormat("node", "int", 48, 4, true, FieldFormat.Loc.INLINE), f.field("node"));
        assertEquals(new FieldFormat("common_type", "unsigned short", 0, 2, false, FieldFormat.Loc.INLINE), f.field("common_type"));
        assertNull(f.field("accounted"), "6.18 kmalloc derives accounted from the flags in its print fmt");
    }

    @Test
    void dataLocStringOfKmemCacheFree() throws Exception {
        assertEquals(new FieldFormat("name", "__data_loc char[]", 24, 4, false, FieldFormat.Loc.DATA_LOC), format("kmem_cache_free").field("name"));
    }

    @Test
    void gfpTableOfTheRealPrintFmtPrintsAsTheKernelDoes() throws Exception {
        FlagTable t = PrintFmtFlags.find(format("kmalloc").printFmt(), "gfp_flags");
        assertNotNull(t);
        assertEquals("GFP_KERNEL", t.format(0xcc0));
        assertEquals("GFP_KERNEL|__GFP_ZERO", t.format(0xdc0));
        assertEquals("GFP_KERNEL_ACCOUNT|__GFP_ZERO", t.format(0x400dc0));
        assertEquals("GFP_NOWAIT|__GFP_ZERO", t.format(0x2900));
        assertEquals("none", t.format(0));
        assertEquals("GFP_KERNEL|0x800000000", t.format(0x800000cc0L), "bits no entry names are left as hex");
        assertEquals(1L << 22, t.mask("__GFP_ACCOUNT"));
    }

    @Test
    void headerPageGivesTheCommitWidthAndDataOffset() throws Exception {
        PageLayout l = PageLayout.fromHeaderPage(Files.readString(FORMATS.resolve("header_page")), 4096, java.nio.ByteOrder.LITTLE_ENDIAN, 4);
        assertEquals(new PageLayout(4096, java.nio.ByteOrder.LITTLE_ENDIAN, 8, 8, 16), l);
    }

    @Test
    void constantExpressionsOfFlagTables() throws Exception {
        assertEquals(0xcc0, ConstExpr.eval("( unsigned long)((( gfp_t)(((((1UL))) << (10))|((((1UL))) << (11)))) | (( gfp_t)((((1UL))) << (6))) | (( gfp_t)((((1UL))) << (7))))"));
        assertEquals(~0x400L & 0xfff, ConstExpr.eval("0xfff & ~(1 << 10)"));
        assertEquals(1, ConstExpr.eval("1 && 2 | 0"));
        assertEquals(7, ConstExpr.eval("1 | 2 ^ 4 & 6"));
        assertThrows(TraceFormatException.class, () -> ConstExpr.eval("REC->gfp_flags & 1"));
        assertThrows(TraceFormatException.class, () -> ConstExpr.eval("(1"));
    }

    @Test
    void aTableWithSomethingNotConstantIsNotUsed() {
        assertNull(PrintFmtFlags.find("\"f=%s\", __print_flags(REC->f, \"|\", {REC->x, \"A\"})", "f"));
        assertNull(PrintFmtFlags.find("\"f=%s\", __print_flags(REC->g, \"|\", {1, \"A\"})", "f"));
        FlagTable t = PrintFmtFlags.find("\"f=%s\", __print_flags(REC->f, \",\", {1, \"A\"}, {2, \"B\"}, { -1, NULL })", "f");
        assertEquals("A,B", t.format(3));
        assertEquals("", t.format(0), "no ': \"none\"' after the call: 0 prints nothing, as the kernel prints it");
    }

    @Test
    void brokenFormatsThrow() {
        assertThrows(TraceFormatException.class, () -> EventFormatParser.parse("kmem", "ID: 5\nformat:\n"));
        assertThrows(TraceFormatException.class, () -> EventFormatParser.parse("kmem", "name: x\nformat:\n"));
        assertThrows(TraceFormatException.class, () -> EventFormatParser.parse("kmem", "name: x\nID: 1\n\tfield:int a;\toffset:x;\tsize:4;\n"));
        assertThrows(TraceFormatException.class, () -> EventFormatParser.parse("kmem", "name: x\nID: 1\n\tfield:int a\n"));
    }

    @Test
    void arraysAndRelLocFields() throws Exception {
        EventFormat f = EventFormatParser.parse("s", "name: e\nID: 3\nformat:\n\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:1;\n"
                + "\tfield:__rel_loc char[] msg;\toffset:24;\tsize:4;\tsigned:0;\n\nprint fmt: \"%s\", __get_rel_str(msg)\n");
        assertEquals(new FieldFormat("comm", "char", 8, 16, true, FieldFormat.Loc.INLINE), f.field("comm"));
        assertEquals(FieldFormat.Loc.REL_LOC, f.field("msg").loc());
        assertEquals("\"%s\", __get_rel_str(msg)", f.printFmt());
    }
}
