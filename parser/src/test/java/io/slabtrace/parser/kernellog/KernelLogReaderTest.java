package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelLog;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.SlabEvent;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.slabinfo.CorpusSlabinfoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelLogReaderTest {
    static final Path SEED = CorpusSlabinfoTest.sample("lab/debian-6.1.0-56-slub/seed/dmesg.after-rmmod.txt");

    @TempDir
    Path dir;

    static KernelLog read(Path p) throws InputException {
        return new KernelLogReader(EventPatterns.DEFAULT, ZoneOffset.UTC, 2026).read(p.toString());
    }

    static long count(KernelLog l, Class<?> type) {
        return l.events().stream().filter(type::isInstance).count();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // scenario, ctor calls, allocations, frees
            "debian-6.1.0-56-slub/seed/dmesg.txt, 64, 1, 0",
            "debian-6.1.0-56-slub/seed/dmesg.after-rmmod.txt, 64, 1, 1",
            "debian-6.1.0-56-slub/seed-slub-debug/dmesg.txt, 21, 1, 0",
            "custom-6.1.192-slab/seed/dmesg.txt, 63, 1, 0",
            "custom-6.1.192-slab-debug/seed/dmesg.txt, 1, 1, 0",
            "custom-6.1.192-slab/lab-200-hw-ctor-n500-every-other/dmesg.txt, 512, 500, 250",
            "custom-6.1.192-slab-debug/lab-200-hw-ctor-n500-every-other/dmesg.after-rmmod.txt, 500, 500, 500",
    })
    void labLogsGiveTheModulesOwnCounts(String file, long ctor, long allocs, long frees) throws Exception {
        KernelLog l = read(CorpusSlabinfoTest.sample("lab/" + file));
        assertEquals(ctor, count(l, SlabEvent.CtorCalled.class));
        assertEquals(allocs, count(l, SlabEvent.Allocated.class));
        assertEquals(frees, count(l, SlabEvent.Freed.class));
        assertEquals(1, count(l, SlabEvent.CacheCreated.class));
        assertEquals(List.of(), l.reports());
    }

    @Test
    void bootFactsComeFromTheLogItself() throws Exception {
        KernelLog slub = read(CorpusSlabinfoTest.sample("lab/debian-6.1.0-56-slub/seed-slub-debug/dmesg.txt"));
        assertEquals("6.1.0-56-amd64", slub.boot().release());
        assertEquals(Boolean.TRUE, slub.boot().slub());
        assertEquals(2, slub.boot().cpus());
        assertTrue(slub.boot().cmdline().contains("slub_debug=FZPU,slab_test_cache"));
        assertEquals(Boolean.FALSE, read(CorpusSlabinfoTest.sample("lab/custom-6.1.192-slab/seed/dmesg.txt")).boot().slub());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "slub-debug-5.11-rc4-qemu-kmalloc32-redzone-overwritten-validate.txt | REDZONE_OVERWRITTEN kmalloc-32, REDZONE_OVERWRITTEN kmalloc-32",
            "slub-debug-5.11-rc4-qemu-kmalloc32-left-redzone-excerpt.txt | REDZONE_OVERWRITTEN kmalloc-32",
            "slub-debug-5.11-rc4-qemu-kmalloc32-object-already-free.txt | DOUBLE_FREE kmalloc-32",
            "slub-debug-5.11-rc4-qemu-kmalloc32-poison-overwritten-uaf.txt | POISON_OVERWRITTEN kmalloc-32",
            "linuxmm-2015-4.1-rc-arm64-fvp-slub-debug-redzone-poison-mailwrapped.txt | REDZONE_OVERWRITTEN kmalloc-4096, POISON_OVERWRITTEN kmalloc-64",
            "lkp-2023-6.7-rc1-slub-debug-kmalloc-rnd-object-padding-overwritten-printk-caller.txt | PADDING_OVERWRITTEN kmalloc-rnd-09-8, PADDING_OVERWRITTEN kmalloc-rnd-09-8",
            "syzbot-5.17-rc5-kmem_cache_destroy-9p-fcall-cache-still-has-objects.txt | STILL_HAS_OBJECTS 9p-fcall-cache",
            "lkml-2003-2.6.0-test1-slab-error-kmem_cache_destroy-cant-free-all-objects.txt | STILL_HAS_OBJECTS ip_conntrack",
            "lkml-2017-4.12-rc2-ppc64-g5-SLUB-unable-pgtable-2pow12-page-alloc-failure.txt | ALLOC_FAILURE pgtable-2^12", // the notice and the page allocator's header are one failure
            "linuxmm-2014-3.14-syslog-SLUB-unable-memcg-cache-name-2nodes.txt | ALLOC_FAILURE ext4_extent_status(2:test)",
            "arm64-e2000q-5.4.74-64k-oom-page-alloc-failure-new_slab-SLUB-unable-to-allocate.txt | ALLOC_FAILURE kmalloc-16k, ALLOC_FAILURE kmalloc-128k, ALLOC_FAILURE kmalloc-128k",
            "rhel8.0-4.18.0-80-coreos-sosreport-full-boot-dmesg.txt | ",
            "chromeos-6.6.119-full-dmesg-loglevel-prefix.txt | ",
    })
    void kernelReportsAreFoundWithCacheAndReason(String file, String expected) throws Exception {
        KernelLog l = read(CorpusSlabinfoTest.sample("public/dmesg/" + file));
        List<String> got = l.reports().stream().map(r -> r.kind() + " " + r.cache()).toList();
        assertEquals(expected == null ? List.of() : List.of(expected.split(",\\s*")), got);
        assertEquals(List.of(), l.events(), "no module events in these logs");
        for (KernelReport r : l.reports()) assertTrue(r.lines().size() >= 1 && r.firstLine() >= 1);
    }

    @Test
    void theFiveLineFormatsGiveTheSameTimeline() throws Exception {
        List<String> lines = Files.readAllLines(SEED);
        Pattern p = Pattern.compile("\\[\\s*(\\d+)\\.(\\d+)\\] (.*)");
        Instant boot = Instant.parse("2026-11-25T12:31:00Z");
        DateTimeFormatter human = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
        DateTimeFormatter syslog = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ENGLISH);
        List<String> kmsg = new ArrayList<>(), level = new ArrayList<>(), dashT = new ArrayList<>(), journal = new ArrayList<>();
        int seq = 0;
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (!m.matches()) continue;
            long usec = Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2));
            LocalDateTime wall = LocalDateTime.ofInstant(boot.plusNanos(usec * 1000), ZoneOffset.UTC);
            kmsg.add("6," + seq++ + "," + usec + ",-;" + m.group(3));
            level.add("<6>" + line);
            dashT.add("[" + human.format(wall) + "] " + m.group(3));
            journal.add(syslog.format(wall) + " lab kernel: " + m.group(3));
        }
        List<String> reference = timeline(read(SEED));
        assertTrue(reference.size() >= 67, "events " + reference.size());
        for (List<String> variant : List.of(kmsg, level, dashT, journal)) {
            Path f = dir.resolve("variant-" + variant.hashCode());
            Files.write(f, variant);
            KernelLog l = read(f);
            assertEquals(reference, timeline(l));
            SlabEvent first = l.events().get(0), last = l.events().get(l.events().size() - 1);
            double span = last.at().time().secondsSince(first.at().time());
            assertEquals(8.537939 - 4.122388, span, 1.0, "relative times agree (to the second for wall clocks)");
        }
    }

    /** Event kinds and pointers, without times. */
    static List<String> timeline(KernelLog l) {
        return l.events().stream().map(e -> e.getClass().getSimpleName() + (e instanceof SlabEvent.CtorCalled c ? " " + c.ptr()
                : e instanceof SlabEvent.Allocated a ? " " + a.ptr() : "")).toList();
    }

    @Test
    void linePrefixesAreTakenApart() {
        KernelLogLine caller = KernelLogLine.parse(1, "[    1.110637][    T0] BUG kmalloc-rnd-09-8 (Not tainted): Object padding overwritten", 2026, ZoneOffset.UTC);
        assertEquals("T0", caller.caller());
        assertEquals(1.110637, caller.time().uptime(), 1e-9);
        assertTrue(caller.text().startsWith("BUG kmalloc"));
        KernelLogLine kmsg = KernelLogLine.parse(2, "6,339,5140900,-;mycaches: module init", 2026, ZoneOffset.UTC);
        assertEquals(5.1409, kmsg.time().uptime(), 1e-9);
        assertEquals(6, kmsg.level());
        KernelLogLine syslog = KernelLogLine.parse(3, "Aug 26 16:32:32 host kernel: [  180.141022] mycaches: module init", 2026, ZoneOffset.UTC);
        assertEquals(180.141022, syslog.time().uptime(), 1e-9);
        assertEquals(Instant.parse("2026-08-26T16:32:32Z"), syslog.time().wall());
        assertEquals("mycaches: module init", syslog.text());
        KernelLogLine none = KernelLogLine.parse(4, "mycaches: module init", 2026, ZoneOffset.UTC);
        assertEquals(false, none.time().known());
    }

    @Test
    void prefixesOfRealPastesComeOff() {
        KernelLogLine quoted = KernelLogLine.parse(1, "> > [  163.462149][    C1] BUG: KASAN: use-after-free in", 2026, ZoneOffset.UTC);
        assertEquals(2, quoted.quoteDepth());
        assertEquals("C1", quoted.caller());
        assertEquals("BUG: KASAN: use-after-free in", quoted.text());
        KernelLogLine mono = KernelLogLine.parse(2, "[  180.141022] myhost kernel: BUG kmalloc-16 (Not tainted): Poison overwritten", 2026, ZoneOffset.UTC);
        assertEquals("BUG kmalloc-16 (Not tainted): Poison overwritten", mono.text());
        KernelLogLine german = KernelLogLine.parse(3, "Mär 05 12:31:01 host kernel: text", 2026, ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-03-05T12:31:01Z"), german.time().wall());
        assertTrue(german.timeAssumed(), "syslog gives no year: assumed");
        KernelLogLine chinese = KernelLogLine.parse(4, "3月 05 12:31:01 host kernel: text", 2026, ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-03-05T12:31:01Z"), chinese.time().wall());
        KernelLogLine dropped = KernelLogLine.parse(5, "** 93 printk messages dropped ** [  322.962139] BUG: KASAN: slab-out-of-bounds in f+0x1/0x2", 2026, ZoneOffset.UTC);
        assertEquals(93, dropped.dropped());
        assertEquals(322.962139, dropped.time().uptime(), 1e-9);
        assertTrue(dropped.text().startsWith("BUG: KASAN"));
        KernelLogLine fuzzer = KernelLogLine.parse(6, "2017/11/27 07:13:57 executing program 2:", 2026, ZoneOffset.UTC);
        assertEquals("executing program 2:", fuzzer.text());
        KernelLogLine android = KernelLogLine.parse(7, "> 041EA < 4> [   36.234447] [03-19 10:05:52.234] SLUB: Unable to allocate memory on node -1", 2026, ZoneOffset.UTC);
        assertEquals("SLUB: Unable to allocate memory on node -1", android.text());
        KernelLogLine shadow = KernelLogLine.parse(8, ">ffff8801f44ec300: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 03", 2026, ZoneOffset.UTC);
        assertEquals(0, shadow.quoteDepth(), "KASAN's marked shadow row is no quote");
    }

    @Test
    void aHugeLineIsCutNotCrawled() throws Exception {
        Path p = dir.resolve("long.log");
        Files.writeString(p, "[    1.000000] " + "a".repeat(100_000) + " at x\n" + ("[    1.1] " + "=".repeat(50_000) + "\n").repeat(20));
        long t0 = System.nanoTime();
        KernelLog l = read(p);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "too slow");
        assertTrue(l.warnings().stream().anyMatch(w -> w.contains("longer than")), l.warnings().toString());
    }
}
