package io.slabtrace.cli;

import io.slabtrace.cli.error.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {
    static final String STORM = Run.sample("live-6.18/dentry-storm/slabinfo-loop.log");

    @TempDir
    Path dir;

    @Test
    void seriesReportTellsOfTheReclaimWhenItHappenedAndEmbedsEveryChart() throws Exception {
        Path html = dir.resolve("r.html"), pngs = dir.resolve("png");
        Run r = Run.of("report", STORM, "-o", html.toString(), "--png-dir", pngs.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        for (String id : List.of("analysed", "headlines", "charts", "caches", "explanations")) {
            assertTrue(page.contains("<section id=\"" + id + "\">"), id);
        }
        // events.txt: echo 2 > drop_caches at 12:50:32.47; the snapshots around it are 12:50:32.52 and 12:50:33.54
        assertTrue(page.contains("dentry shrank by 47.4 MiB between 12:50:32 and 12:50:33."), "dentry reclaim headline");
        assertTrue(page.contains("2026-11-25 12:50:16 – 2026-11-25 12:50:55 UTC"), "time range");
        assertFalse(page.contains("src=\"http"), "nothing is fetched from the network");
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertEquals(900, img.getWidth(), "drawn at the 900-pixel width the page shows");
            images++;
        }
        assertEquals(9, images, "top caches; memory, utilisation, objects and growth rate over time; fragmentation map; one slab of each of the 3 largest caches");
        for (String name : List.of("top-memory", "memory-over-time", "utilisation-over-time", "objects-over-time", "growth-rate", "fragmentation", "slab-ext4_inode_cache")) {
            assertEquals(900, ImageIO.read(pngs.resolve(name + ".png").toFile()).getWidth(), name);
        }
    }

    @Test
    void aCollectionShowsGrowthDuringFindAndReclaimAtDropCaches() throws Exception {
        // events.txt: find / ran 14:50:41.13-14:50:43.41 over cold caches; drop_caches at 14:50:57.42
        Path html = dir.resolve("c.html");
        Run r = Run.of("report", Run.sample("live-6.18/collect-find-drop"), "-o", html.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("ext4_inode_cache grew by 39.6 MiB between 14:50:40 and 14:50:43, "
                + "and gave back 36.0 MiB between 14:50:56 and 14:50:57."), "ext4_inode_cache headline");
        assertTrue(page.contains("dentry grew by 6.5 MiB between 14:50:40 and 14:50:43, and gave back 6.8 MiB between 14:50:56 and 14:50:57."));
        assertTrue(page.contains("<figure id=\"chart-memory-over-time\">"));
    }

    @Test
    void theLabLogsExplainAllThreeConstructorCounts() throws Exception {
        Path html = dir.resolve("d.html"), pngs = dir.resolve("dpng");
        Run r = Run.of("report", Run.sample("lab/debian-6.1.0-56-slub/seed/dmesg.txt"), Run.sample("lab/custom-6.1.192-slab/seed/dmesg.txt"),
                Run.sample("lab/custom-6.1.192-slab-debug/seed/dmesg.txt"), "-o", html.toString(), "--png-dir", pngs.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("64 constructor calls per grow = one new order-0 slab of 64 x 64-byte slots"));
        assertTrue(page.contains("63 constructor calls per grow = one new order-0 slab of 63 x 64-byte slots"));
        assertTrue(page.contains("The constructor ran once per allocation"));
        assertFalse(page.contains("<section id=\"charts\">"), "no slabinfo was given: no slab sections from the live host");
        assertTrue(page.contains("<li>slab_test_cache: 64 constructor calls per grow = one new order-0 slab"), "the verdicts are headlines");
        for (int i = 1; i <= 3; i++) assertTrue(Files.isRegularFile(pngs.resolve("constructor-bursts-" + i + ".png")), "chart " + i);
    }

    @Test
    void aTraceBetweenTwoSnapshotsIsReplayedAgainstThem() throws Exception {
        Path html = dir.resolve("t.html");
        Run r = Run.of("report", Run.sample("live-6.18/slabinfo.before"), Run.sample("live-6.18/slabinfo.after"),
                Run.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz"), "-o", html.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<section id=\"replay-1\" class=\"replay\">"));
        assertTrue(page.contains("<figure id=\"chart-replay-1\">"), "predicted against observed");
        assertTrue(page.contains("<figure id=\"chart-replay-timeline-1\">"), "predicted objects over the trace");
        assertTrue(page.contains("alt=\"Predicted objects in use over the trace: the 6 caches that moved most\""), "ls -R grew the VFS caches");
        assertTrue(page.contains("Trace replay: " + Run.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz")));
        assertTrue(page.contains("<section id=\"headlines\">"));
        Matcher m = Pattern.compile("<li>[^<]*kmem-trace.txt.gz: (\\d+) kmem events over (\\d+) caches; the model&#39;s prediction is within "
                + "1 % or one slab of the kernel for (\\d+) of the (\\d+) caches compared \\(strict\\), and within tolerance for (\\d+); "
                + "(\\d+) left out").matcher(page);
        assertTrue(m.find(), "replay headline");
        assertEquals(245720, Long.parseLong(m.group(1)));
        assertTrue(Long.parseLong(m.group(3)) <= Long.parseLong(m.group(5)), "strict is the harder test");
        assertTrue(Long.parseLong(m.group(5)) >= Long.parseLong(m.group(4)) - 3, "all but the sysfs-walk caches follow the trace");
        assertEquals(1, Long.parseLong(m.group(6)), "maple_node, for its untraced frees");
        assertTrue(page.contains("<figure id=\"chart-replay-held-1\">")
                        && page.contains("alt=\"Bytes still held at the end of the trace, by when they were allocated: the 6 call sites holding most\""),
                "who holds the memory: bytes still held by call site, by when they were allocated");
    }

    @Test
    void aTraceOfAFewMillisecondsDrawsItsHeldBytes() throws Exception {
        // the lab trace spans less than the 64 even steps of its held-bytes curves in milliseconds: steps round to the same one
        Path html = dir.resolve("lab.html");
        String lab = "lab/custom-6.1.192-slab/seed/";
        Run r = Run.of("report", Run.sample(lab + "slabinfo.after"), Run.sample(lab + "dmesg.txt"), Run.sample(lab + "kmem-trace.txt"), "-o", html.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(html).contains("<figure id=\"chart-replay-held-2\">"), "the trace is the second section after the log");
    }

    @Test
    void cacheNamesFromTheInputAreOnlyText() throws Exception {
        Path evil = dir.resolve("evil.slabinfo");
        Files.writeString(evil, """
                slabinfo - version: 2.1
                # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
                <script>alert(1)</script>  4200   4200    192   21    1 : tunables    0    0    0 : slabdata    200    200      0
                kmalloc-64          640    640     64   64    1 : tunables    0    0    0 : slabdata     10     10      0
                """);
        Path html = dir.resolve("e.html");
        Run r = Run.of("report", evil.toString(), "-o", html.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        assertFalse(page.contains("<script>alert(1)"), "the name never appears as markup");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name appears as text");
    }

    @Test
    void chineseReportIsChineseThroughout() throws Exception {
        Path html = dir.resolve("zh.html");
        Run r = Run.of("report", STORM, "-o", html.toString(), "--lang", "zh");
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<html lang=\"zh-CN\">"));
        for (String s : List.of("分析了什么", "要点", "图表", "全部缓存", "dentry 在 12:50:32 到 12:50:33 之间缩小了 47.4 MiB。")) {
            assertTrue(page.contains(s), s);
        }
        assertFalse(page.contains("What was analysed"));
    }

    @Test
    void aSysfsCaptureAloneIsReportedWithoutTheLiveHostMixedIn() throws Exception {
        Path html = dir.resolve("s.html");
        Run r = Run.of("report", Run.sample("live-6.18/sysfs-all.after.txt"), "-o", html.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        assertFalse(page.contains("/proc/slabinfo<"), "the capture, not this host");
        assertTrue(page.contains("<figure id=\"chart-top-memory\">"));
        assertTrue(page.contains("The model, given only the creation parameters, computes the same geometry as the kernel"),
                "explanations use the capture's attributes");
    }

    @Test
    void skippedLinesAreAWarningOnThePage() throws Exception {
        Path html = dir.resolve("k.html");
        Run r = Run.of("report", Run.sample("public/slabinfo/lkml-2024-6.10.3-parisc64-qemu-slub-debug-kmalloc-cg-pageptl.txt"), "-o", html.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(html).contains("<li>1 input line was skipped.</li>"));
    }

    @Test
    void anUnknownCacheToChartIsAUsageErrorAndNothingIsWritten() {
        Path html = dir.resolve("u.html");
        Run r = Run.of("report", STORM, "--cache", "no_such_cache", "-o", html.toString());
        assertEquals(ExitCodes.INPUT, r.status());
        assertTrue(r.err().contains("--cache no_such_cache: no cache of that name"), r.err());
        assertFalse(Files.exists(html));
    }

    @Test
    void aFailedReportLeavesNoFileBehind() throws Exception {
        Path html = dir.resolve("none.html");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "this is not slabinfo\n");
        Run r = Run.of("report", bad.toString(), "-o", html.toString());
        assertEquals(ExitCodes.INPUT, r.status());
        assertTrue(r.err().contains("bad.txt"), r.err());
        assertFalse(Files.exists(html));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
