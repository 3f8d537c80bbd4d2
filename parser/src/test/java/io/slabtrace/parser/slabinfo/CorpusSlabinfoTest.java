package io.slabtrace.parser.slabinfo;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.ParseProblem;
import io.slabtrace.parser.Problems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every clean public capture parses with no skipped line. The expected totals were counted
 * independently (awk over the columns; a script that re-joins the mail-wrapped rows).
 */
public class CorpusSlabinfoTest {

    public static Path sample(String name) {
        return Path.of(System.getProperty("slabtrace.samples", "../samples"), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "android-violin-slub-4line-fragment-noheader.txt, 4, 115776, 120143, SLUB",
            "arm720t-2.6.16-slab-tunables-biovec-paren.txt, 126, 9476, 10893, SLAB",
            "armv7-zte-f680-4.1.25-slub-32bit.txt, 67, 134705, 138612, SLUB",
            "armv7-zynq-4.4.0-xilinx-slab-smp-sharedavail.txt, 84, 135929, 137785, SLAB",
            "chromeos-6.6.119-x86_64-slub-rcl-lkdtm-erofs.txt, 171, 778770, 806891, SLUB",
            "insights-rhel7-slub-nfconntrack-netns-handedited.txt, 103, 582182, 586161, SLUB",
            "linuxmm-2018-4.x-slab-huge-counts-7digit-no-version-line.txt, 2, 5947991, 11087754, SLAB",
            "lkml-2002-2.4.19-pre9-ac3-v1.1-statistics-ppro.txt, 59, 8763, 10288, SLAB",
            "lkml-2003-2.4.20-smp-v1.1-SMP-limit-batch.txt, 69, 247258, 312101, SLAB",
            "lkml-2004-2.4.26-k7-v1.1-UP-6col-leak.txt, 69, 647447, 1041383, SLAB",
            "lkml-2005-2.6.12-i386-v2.0-slab-cdrecord.txt, 103, 35578, 38152, SLAB",
            "lkml-2005-2.6.12-rc6-mm1-amd64-slab-statistics-tabs.txt, 134, 659638, 782892, SLAB",
            "lkml-2005-2.6.8-amd64-smp-v2.0-mail-wrapped-72col.txt, 117, 603807, 739060, SLAB",
            "procfs-fixture-slub-nvidia-kvm.txt, 300, 1079909, 1122240, SLUB",
            "rhel8.0-4.18.0-80-coreos-sosreport-slub.txt, 142, 1735663, 1748622, SLUB",
            "rpi-arm64-6.12.47-rpt-slub-kmalloc-cg-rnd.txt, 140, 296476, 337366, SLUB",
            "telegraf-slab-plugin-slub.txt, 21, 1407627, 1873012, SLUB",
            "vm-virtio-gpu-slub-truncated-head.txt, 36, 7911, 8081, SLUB",
    })
    void cleanCaptureParsesWhole(String file, int caches, long active, long objs, Allocator allocator) throws Exception {
        Problems problems = Problems.collecting();
        List<Snapshot> snaps = new SlabinfoReader(problems).readAll(sample("public/slabinfo/" + file).toString());
        assertEquals(0, problems.skippedLines(), () -> "skipped: " + problems.first());
        assertEquals(1, snaps.size());
        Snapshot s = snaps.get(0);
        assertEquals(caches, s.caches().size());
        assertEquals(active, s.caches().stream().mapToLong(CacheStats::activeObjs).sum());
        assertEquals(objs, s.caches().stream().mapToLong(CacheStats::numObjs).sum());
        assertEquals(allocator, s.allocator());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // file | caches kept | skipped line numbers | what the first message says
            "linuxmm-2017-4.10-slab-kmalloc-node-rename-before-after-tail.txt | 14 | 1 3 12 14 | expected a cache line",
            "lkml-2005-2.6.14-rc2-patched-slab-shrinker-stat-extra-section-grep.txt | 4 | 1 | expected a cache line",
            "lkml-2024-6.10.3-parisc64-qemu-slub-debug-kmalloc-cg-pageptl.txt | 197 | 200 | found '/ #'",
            "openharmony-hongmeng-kernel-slabinfo-v2.0-nonlinux-excerpt.txt | 3 | 6 | found '...'",
            "ubuntuforums-2008-2.6.24-slub-dentry-14M-filtered-author-note-grep-n.txt | 23 | 2 26 | found '(cut out",
    })
    void damagedCaptureKeepsIntactCachesAndSaysWhere(String file, int caches, String lines, String message) throws Exception {
        Problems problems = Problems.collecting();
        List<Snapshot> snaps = new SlabinfoReader(problems).readAll(sample("public/slabinfo/" + file).toString());
        assertEquals(caches, snaps.stream().mapToInt(s -> s.caches().size()).sum());
        List<ParseProblem> skipped = problems.first().stream().filter(ParseProblem::skipped).toList();
        assertEquals(lines, String.join(" ", skipped.stream().map(p -> Long.toString(p.line())).toList()));
        org.junit.jupiter.api.Assertions.assertTrue(skipped.get(0).message().contains(message), skipped.get(0).message());
        org.junit.jupiter.api.Assertions.assertTrue(skipped.get(0).toString().startsWith(sample("public/slabinfo/" + file) + ":" + skipped.get(0).line() + ": "));
    }

    @org.junit.jupiter.api.Test
    void posterWrappedRowIsJoinedAndItsGluedStatisticsAreNotedNotTrusted() throws Exception {
        Problems problems = Problems.collecting();
        List<Snapshot> snaps = new SlabinfoReader(problems).readAll(sample("public/slabinfo/lkml-2003-2.6.0-test1-v2.0-statistics-user-wrapped-broken.txt").toString());
        CacheStats broken = snaps.get(0).caches().get(0);
        assertEquals("broken", broken.name());
        assertEquals(2486, broken.numObjs());
        assertEquals(32, broken.limit());
        assertEquals(113, broken.numSlabs());
        assertEquals(128, broken.sharedavail());
        assertEquals(0, problems.skippedLines());
        ParseProblem note = problems.first().get(0);
        assertEquals(11, note.line());
        org.junit.jupiter.api.Assertions.assertTrue(note.message().startsWith("cpustat: expected 4 values"), note.message());
    }

    @org.junit.jupiter.api.Test
    void captureWhoseEveryRowIsMalformedFailsWithBothLinesNamed() {
        Problems problems = Problems.collecting();
        String file = sample("public/slabinfo/insights-handmade-malformed-extra-columns.txt").toString();
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> new SlabinfoReader(problems).readAll(file));
        assertEquals(file + ": no /proc/slabinfo snapshot found (4 lines read, 2 not understood)", e.getMessage());
        assertEquals("slabdata: expected 3 values (active_slabs num_slabs sharedavail), found 5", problems.first().get(0).message());
        assertEquals(3, problems.first().get(0).line());
        assertEquals(4, problems.first().get(1).line());
    }
}
