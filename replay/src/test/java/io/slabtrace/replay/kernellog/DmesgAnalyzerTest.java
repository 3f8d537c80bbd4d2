package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.parser.kernellog.EventPatterns;
import io.slabtrace.parser.kernellog.KernelLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The three ctor counts of the seed (64, 63, 1) and their variants, each explained by the model. */
class DmesgAnalyzerTest {
    static final Machine HOST = Machine.x86_64(2, KernelVersion.NEWEST);

    @TempDir
    Path dir;

    static DmesgAnalysis analyze(Path log, Set<SlabFlag> flags) throws Exception {
        var l = new KernelLogReader(EventPatterns.DEFAULT, ZoneOffset.UTC, 2026).read(log.toString());
        return new DmesgAnalyzer(HOST, new DmesgAnalyzer.Given(null, null, flags)).analyze(l, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // scenario, grows, burst, verdict, predicted slub, predicted slab, live at end, constructed unused
            "debian-6.1.0-56-slub/seed/dmesg.txt, 1, 64, SLUB, 64, 63, 1, 63",
            "custom-6.1.192-slub-stats/seed/dmesg.txt, 1, 64, SLUB, 64, 63, 1, 63",
            "debian-6.1.0-56-slub/seed-slub-debug/dmesg.txt, 1, 21, SLUB, 21, 63, 1, 20",
            "custom-6.1.192-slab/seed/dmesg.txt, 1, 63, SLAB, 64, 63, 1, 62",
            "custom-6.1.192-slab/seed-numa2/dmesg.txt, 1, 63, SLAB, 64, 63, 1, 62",
            "custom-6.1.192-slab-debug/seed/dmesg.txt, 1, 1, DEBUG_SLAB, 64, 63, 1, 0",
            "debian-6.1.0-56-slub/lab-200-hw-ctor-n500-every-other/dmesg.txt, 32, 16, SLUB, 16, 16, 250, 12",
            "custom-6.1.192-slab/lab-200-hw-ctor-n500-every-other/dmesg.txt, 32, 16, SLAB, 16, 16, 250, 12",
            "custom-6.1.192-slab-debug/lab-200-hw-ctor-n500-every-other/dmesg.txt, 500, 1, DEBUG_SLAB, 16, 16, 250, 0",
            "custom-6.1.192-slab-debug/lab-200-hw-ctor-n500-every-other/dmesg.after-rmmod.txt, 500, 1, DEBUG_SLAB, 16, 16, 0, 0",
    })
    void everyLabLogIsExplainedWithTheModuleFlags(String file, int grows, long burst, DmesgCache.Verdict verdict,
                                                  int slub, int slab, long live, long unused) throws Exception {
        DmesgAnalysis a = analyze(Path.of(System.getProperty("slabtrace.samples", "../samples"), "lab", file), Set.of(SlabFlag.HWCACHE_ALIGN));
        assertEquals(1, a.caches().size());
        DmesgCache c = a.caches().get(0);
        assertEquals(grows, c.grows().size());
        assertEquals(burst, c.burst());
        assertEquals(verdict, c.verdict());
        assertEquals(slub, c.predictedSlub());
        assertEquals(slab, c.predictedSlab());
        assertEquals(live, c.liveAtEnd());
        assertEquals(unused, c.constructedUnused());
        assertNull(c.assumption());
        assertEquals(List.of(), a.findings());
    }

    @Test
    void withoutTheFlagTheMismatchIsAFindingThatNamesIt() throws Exception {
        DmesgAnalysis a = analyze(Path.of(System.getProperty("slabtrace.samples", "../samples"), "lab/debian-6.1.0-56-slub/seed/dmesg.txt"), Set.of());
        DmesgCache c = a.caches().get(0);
        assertEquals(DmesgCache.Verdict.SLUB, c.verdict());
        assertEquals("SLAB_HWCACHE_ALIGN", c.assumption());
        DmesgFinding f = a.findings().get(0);
        assertEquals(DmesgFinding.Kind.MODEL_MISMATCH, f.kind());
        assertEquals(List.of(64L, 40, 8, 85L, 99L, "SLAB_HWCACHE_ALIGN"), f.args());
    }

    @Test
    void lifetimesGiveDoubleFreesStrayFreesAndLeaks() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, String.join("\n",
                "[    1.000000] demo: slab cache[demo_cache] created, obj_size = 100, align = 8",
                "[    1.000001] demo: allocated object at 00000000aaaaaaaa",
                "[    1.000002] demo: allocated object at 00000000bbbbbbbb",
                "[    1.000003] demo: freed object 00000000aaaaaaaa",
                "[    1.000004] demo: freed object 00000000aaaaaaaa",
                "[    1.000005] demo: freed object 00000000cccccccc",
                "[    1.000006] demo: cache destroyed", ""));
        DmesgAnalysis a = analyze(log, Set.of());
        assertEquals(List.of(DmesgFinding.Kind.DOUBLE_FREE, DmesgFinding.Kind.FREE_OF_UNKNOWN, DmesgFinding.Kind.LEAK_AT_EXIT),
                a.findings().stream().map(DmesgFinding::kind).toList());
        assertEquals(List.of("00000000aaaaaaaa"), a.findings().get(0).args());
        assertEquals(List.of(1L), a.findings().get(2).args());
        assertEquals(DmesgCache.Verdict.NO_GROWS, a.caches().get(0).verdict());
    }

    @Test
    void slubDebugOnTheCommandLineAppliesToTheNamedCacheOnly() {
        assertEquals(Set.of(SlabFlag.CONSISTENCY_CHECKS, SlabFlag.RED_ZONE, SlabFlag.POISON, SlabFlag.STORE_USER),
                SlubDebug.flagsFor("console=ttyS0 slub_debug=FZPU,slab_test_cache", "slab_test_cache"));
        assertEquals(Set.of(), SlubDebug.flagsFor("slub_debug=FZPU,slab_test_cache", "dentry"));
        assertEquals(Set.of(SlabFlag.POISON), SlubDebug.flagsFor("slab_debug=P", "dentry"));
        assertEquals(4, SlubDebug.flagsFor("slub_debug", "any").size());
    }
}
