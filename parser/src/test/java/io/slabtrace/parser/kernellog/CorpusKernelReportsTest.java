package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelLog;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.ReportFacts;
import io.slabtrace.parser.slabinfo.CorpusSlabinfoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The real reports in samples/public/kernel-reports: per file the facts a person read from the text
 * (expected.tsv), against what the reader makes of the first report of the row's detector.
 */
class CorpusKernelReportsTest {
    static final Path DIR = CorpusSlabinfoTest.sample("public/kernel-reports");

    static Stream<Arguments> rows() throws IOException {
        return Files.readAllLines(DIR.resolve("expected.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("path\t"))
                .map(l -> Arguments.of((Object[]) l.split("\t", -1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachReportGivesTheFactsReadByHand(String path, String kind, String detector, String cache, String objectSize, String offset,
                                           String access, String accessSize, String function, String count) throws Exception {
        KernelLog log = new KernelLogReader(EventPatterns.DEFAULT, ZoneOffset.UTC, 2026).read(DIR.resolve(path).toString());
        List<KernelReport> mine = log.reports().stream()
                .filter(r -> r.detector().name().toLowerCase(Locale.ROOT).equals(detector)).toList();
        assertNotNull(mine.isEmpty() ? null : mine.get(0), "no " + detector + " report in " + path + ": " + log.reports());
        KernelReport r = mine.get(0);
        ReportFacts f = r.facts();
        assertEquals(kind, r.kind().name().toLowerCase(Locale.ROOT), "kind");
        assertEquals(cache, dash(r.cache()), "cache");
        assertEquals(objectSize, dash(f.objectSize()), "object_size");
        assertEquals(offset, dash(f.offset()), "offset");
        assertEquals(access, dash(f.access()), "access");
        assertEquals(accessSize, dash(f.accessSize()), "access_size");
        assertEquals(function, dash(f.function()), "function");
        assertEquals(Long.parseLong(count), mine.stream().filter(x -> x.kind() == r.kind()
                || r.detector() == KernelReport.Detector.SLUB_DEBUG).count(), "count");
    }

    private static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static ReportFacts first(String path) throws IOException, io.slabtrace.parser.InputException {
        return new KernelLogReader(EventPatterns.DEFAULT, ZoneOffset.UTC, 2026).read(DIR.resolve(path).toString()).reports().get(0).facts();
    }

    /** Reports from bug trackers whose tracked stacks and bytes were lost, each in a shape of its own. */
    @Test
    void trackedStacksAndBadBytesOfNewerAndOddReportsAreRead() throws Exception {
        // 6.6: SLUB's lines without "INFO: " (gone since 5.14)
        ReportFacts noInfo = first("slub_debug/openwrt19938-kmalloc128-redzone-6.6-no-INFO.log");
        assertEquals("0x6b", noInfo.firstByte());
        assertEquals(14, noInfo.byteCount());
        assertEquals("usb_get_device_descriptor", noInfo.allocStack().site());
        assertEquals(154, noInfo.allocStack().pid());
        assertEquals("spi_mem_exec_op", noInfo.freeStack().site());
        assertEquals(0, noInfo.unparsed());
        // a module's function, "[natflow]", between the function and age=
        ReportFacts module = first("slub_debug/natcap7-kmalloc256-object-already-free-module-frame.log");
        assertEquals("natflow_session_init", module.allocStack().site());
        assertEquals("krealloc", module.freeStack().site());
        // KASAN 6.5: the free path ____kasan_slab_free (four underscores) is the allocator's, and an assembly frame is a frame
        ReportFacts decoded = first("kasan/mptcp433-kernfs-uaf-6.5-decoded-asm-frame.log");
        assertEquals("sysfs_kill_sb", decoded.freeStack().site());
        assertEquals(14151, decoded.freeStack().pid());
        assertEquals(0, decoded.unparsed(), "entry_SYSCALL_64_after_hwframe (arch/x86/entry/entry_64.S:120) is a frame");
    }
}
