package io.slabtrace.parser.ringbuffer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KallsymsTest {
    static Kallsyms of(String text) {
        return Kallsyms.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void symbolPlusOffsetAsTraceCmdPrintsIt() {
        Kallsyms k = of("ffffffff81000000 T _stext\nffffffff81000100 T foo\nffffffff81000200 t bar\n");
        assertEquals("foo+0x24", k.callSite(0xffffffff81000124L));
        assertEquals("foo+0x0", k.callSite(0xffffffff81000100L));
        assertEquals(3, k.size());
    }

    @Test
    void outsideTheTableIsHex() {
        Kallsyms k = of("ffffffff81000000 T _stext\nffffffff81000100 T foo\nffffffff81000200 T _etext\n");
        assertEquals("0xffffffff80000000", k.callSite(0xffffffff80000000L), "below the first symbol");
        assertEquals("0xffffffff81000300", k.callSite(0xffffffff81000300L), "past the last: no symbol after it bounds it");
        assertEquals("0xffffffff81000300", Kallsyms.empty().callSite(0xffffffff81000300L));
    }

    @Test
    void modulesListedAfterTheKernelAndAliasesKeepTheFirstListed() {
        Kallsyms k = of("ffffffffc0001000 t mod_fn\t[ext4]\nffffffffc0002000 t mod_next\t[ext4]\n"
                + "ffffffff81000100 T first_alias\nffffffff81000100 T second_alias\nffffffff81000200 T next\n");
        assertEquals("first_alias+0x10", k.callSite(0xffffffff81000110L));
        assertEquals("mod_fn+0x8", k.callSite(0xffffffffc0001008L), "the module name in brackets is not part of the symbol");
    }

    @Test
    void zeroAddressesOfARestrictedKallsymsAndJunkAreLeftOut() {
        Kallsyms k = of("0000000000000000 T foo\n0000000000000000 T bar\nnot a line\n\n");
        assertTrue(k.isEmpty());
        assertEquals("0xffffffff81000000", k.callSite(0xffffffff81000000L));
    }
}
