package io.slabtrace.parser.ringbuffer;

import io.slabtrace.model.trace.KmemEvent;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Records of hand-written formats: older kernels' layouts and the statuses of records that are no kmem event. */
class KmemDecoderTest {
    /** kmem_cache_alloc_node of a 5.x kernel: no name, no accounted, gfp_t of 4 bytes, node. */
    static final String OLD_ALLOC_NODE = """
            name: kmem_cache_alloc_node
            ID: 500
            format:
            \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
            \tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
            \tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
            \tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;

            \tfield:unsigned long call_site;\toffset:8;\tsize:8;\tsigned:0;
            \tfield:const void * ptr;\toffset:16;\tsize:8;\tsigned:0;
            \tfield:size_t bytes_req;\toffset:24;\tsize:8;\tsigned:0;
            \tfield:size_t bytes_alloc;\toffset:32;\tsize:8;\tsigned:0;
            \tfield:gfp_t gfp_flags;\toffset:40;\tsize:4;\tsigned:0;
            \tfield:int node;\toffset:44;\tsize:4;\tsigned:1;

            print fmt: "call_site=%pS ptr=%p bytes_req=%zu bytes_alloc=%zu gfp_flags=%s node=%d", (void *)REC->call_site, REC->ptr, REC->bytes_req, REC->bytes_alloc, (REC->gfp_flags) ? __print_flags(REC->gfp_flags, "|", {(unsigned long)(((( gfp_t)0x400u)|(( gfp_t)0x800u)) | (( gfp_t)0x40u) | (( gfp_t)0x80u)), "GFP_KERNEL"}, {(unsigned long)(( gfp_t)0x100u), "__GFP_ZERO"}) : "none", REC->node
            """;

    /** A free with its cache name as a __rel_loc string (the offset counts from the end of the field). */
    static final String REL_FREE = """
            name: kmem_cache_free
            ID: 501
            format:
            \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
            \tfield:unsigned long call_site;\toffset:8;\tsize:8;\tsigned:0;
            \tfield:const void * ptr;\toffset:16;\tsize:8;\tsigned:0;
            \tfield:__rel_loc char[] name;\toffset:24;\tsize:4;\tsigned:0;

            print fmt: "call_site=%pS ptr=%p name=%s", (void *)REC->call_site, REC->ptr, __get_rel_str(name)
            """;

    static KmemDecoder decoder() throws TraceFormatException {
        EventFormats f = new EventFormats();
        f.addText("kmem", OLD_ALLOC_NODE);
        f.addText("kmem", REL_FREE);
        f.addText("sched", "name: sched_switch\nID: 7\nformat:\n\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n");
        return new KmemDecoder(f, Kallsyms.parse("ffffffff81000000 T a\nffffffff81000100 T b\nffffffff81000200 T c\n".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void olderLayoutWithFourByteFlagsAndNodeVariant() throws Exception {
        ByteBuffer r = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort(0, (short) 500).putLong(8, 0xffffffff81000010L).putLong(16, 0xffff888000001000L).putLong(24, 60).putLong(32, 64)
                .putInt(40, 0xdc0).putInt(44, 1);
        KmemDecoder d = decoder();
        assertEquals(new KmemEvent(KmemEvent.Kind.KMEM_CACHE_ALLOC, 3, 1.5, "a+0x10", 0xffff888000001000L, null, 60, 64,
                "GFP_KERNEL|__GFP_ZERO", 1, null), d.decode(r, 0, 48, 3, 1.5));
        assertEquals(KmemDecoder.Status.KMEM, d.status());
    }

    @Test
    void relLocNameCountsFromTheEndOfItsField() throws Exception {
        ByteBuffer r = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort(0, (short) 501).putLong(8, 0xffffffff81000104L).putLong(16, 0).putInt(24, 7 << 16 | 4);
        r.position(32);
        r.put("dentry\0".getBytes(StandardCharsets.ISO_8859_1));
        KmemEvent e = decoder().decode(r, 0, 40, 0, 2.0);
        assertEquals("dentry", e.name());
        assertEquals(0, e.ptr(), "NULL");
        assertEquals("b+0x4", e.callSite());
    }

    @Test
    void otherUnknownAndShortRecordsSayWhatTheyAre() throws Exception {
        KmemDecoder d = decoder();
        ByteBuffer r = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort(0, (short) 7);
        assertNull(d.decode(r, 0, 48, 0, 0));
        assertEquals(KmemDecoder.Status.OTHER_EVENT, d.status());
        r.putShort(0, (short) 999);
        assertNull(d.decode(r, 0, 48, 0, 0));
        assertEquals(KmemDecoder.Status.UNKNOWN_ID, d.status());
        r.putShort(0, (short) 500);
        assertNull(d.decode(r, 0, 40, 0, 0));
        assertEquals(KmemDecoder.Status.MALFORMED, d.status());
        r.putShort(0, (short) 501).putInt(24, 20 << 16 | 4);
        assertNull(d.decode(r, 0, 40, 0, 0), "a name running past the record");
        assertEquals(KmemDecoder.Status.MALFORMED, d.status());
    }
}
