package io.slabtrace.parser.trace;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.parser.NameTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KmemLineTest {
    private static final String LINE = "   bash-1  [003] .....  12.500001: kmem_cache_alloc: call_site=f+0x1/0x2 ptr=00000000deadbeef"
            + " name=dentry bytes_req=192 bytes_alloc=192 gfp_flags=GFP_KERNEL node=-1 accounted=";

    @Test
    void everyFieldOfA618AllocationFromItsBytes() {
        byte[] b = (LINE + "true").getBytes(StandardCharsets.ISO_8859_1);
        KmemEvent e = new KmemLine(new NameTable()).parse(b, 0, b.length);
        assertEquals(new KmemEvent(KmemEvent.Kind.KMEM_CACHE_ALLOC, 3, 12.500001, "f+0x1/0x2", 0xdeadbeefL, "dentry",
                192, 192, "GFP_KERNEL", -1, true), e);
    }

    @Test
    void aValueEndsAtTheLineEndEvenWhenStaleBytesAfterItWouldCompleteAWord() {
        // a line whose value stops short, in a refilled buffer whose old bytes go on with "true"
        byte[] b = (LINE + "tr" + "ue").getBytes(StandardCharsets.ISO_8859_1);
        int to = b.length - 2;
        assertEquals(false, new KmemLine(new NameTable()).parse(b, 0, to).accounted());
    }

    @Test
    void eachTracepointIsToldByItsName() {
        String[] names = {"kmem_cache_alloc_node", "kmem_cache_alloc", "kmem_cache_free", "kmalloc_node", "kmalloc", "kfree"};
        KmemEvent.Kind[] kinds = {KmemEvent.Kind.KMEM_CACHE_ALLOC, KmemEvent.Kind.KMEM_CACHE_ALLOC, KmemEvent.Kind.KMEM_CACHE_FREE,
                KmemEvent.Kind.KMALLOC, KmemEvent.Kind.KMALLOC, KmemEvent.Kind.KFREE};
        for (int i = 0; i < names.length; i++) {
            byte[] b = ("  cat-7 [000] ..... 1.000000: " + names[i] + ": call_site=g+0x2/0x4 ptr=0000000000000abc")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(kinds[i], new KmemLine(new NameTable()).parse(b, 0, b.length).kind(), names[i]);
        }
        byte[] other = "  cat-7 [000] ..... 1.000000: kmalloc_large: call_site=g+0x2/0x4 ptr=0000000000000abc"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertNull(new KmemLine(new NameTable()).parse(other, 0, other.length), "a longer name with a known prefix is another event");
    }

    @Test
    void sixteenDigitPointersReadEightAtATimeAsTheDigitLoopReadsThem() {
        KmemLine reader = new KmemLine(new NameTable());
        String[] pointers = {"00000000deadbeef", "ffff8881DEADBEEF", "0123456789abcdef", "fedcba9876543210", "ffffffffffffffff",
                "0x00deadbeefcafe", "0000000g00000000", "00000000000000:0", "(null)          ", "00000000000000-0"};
        long[] expected = {0xdeadbeefL, 0xffff8881deadbeefL, 0x0123456789abcdefL, 0xfedcba9876543210L, -1,
                0xdeadbeefcafeL, -1, -1, 0, -1};
        for (int i = 0; i < pointers.length; i++) {
            // ptr=-1 (no pointer) leaves the line unread
            byte[] b = ("  cat-7 [000] ..... 1.000000: kfree: call_site=g+0x2/0x4 ptr=" + pointers[i]).getBytes(StandardCharsets.ISO_8859_1);
            KmemEvent e = reader.parse(b, 0, b.length);
            if (expected[i] == -1) assertNull(e, pointers[i]);
            else assertEquals(expected[i], e.ptr(), pointers[i]);
        }
        assertEquals(0x89abcdefL, KmemLine.hex8(0x6665646362613938L)); // "89abcdef" as it lies in memory
    }
}
