package io.slabtrace.parser.trace;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.ParseProblem;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.CorpusSlabinfoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KmemTraceReaderTest {

    @TempDir
    Path dir;

    static List<KmemEvent> read(Path p, long[] stats) throws Exception {
        List<KmemEvent> out = new ArrayList<>();
        TraceStats s = new KmemTraceReader(Problems.collecting()).read(p.toString(), out::add);
        stats[0] = s.events();
        stats[1] = s.lostEvents();
        stats[2] = s.skippedLines();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, events, lines skipped: look-alikes, and what the posts pasted around the trace (shell prompts,
            // commands, "[...]", a wrapped line) - each counted and shown (counts from PROVENANCE.md and the files themselves)
            "kmem-probe-3.x-i386-qemu-boot-full-trace-SLAB.txt, 10458, 0",
            "kmem-probe-3.x-i386-qemu-boot-full-trace-SLOB.txt, 10472, 0",
            "kmem-probe-3.x-i386-qemu-boot-full-trace-SLUB.txt, 11540, 0",
            "ftrace-kmem_cache_alloc-5.x-ubuntu-nop-tracer.txt, 6, 2",
            "ftrace-kmem_cache_alloc-5.x-ubuntu-filtered-bytes_req-module.txt, 9, 12",
            "lkml-2015-ppc64-perf-script-kmem-kmalloc-callchain.txt, 1, 3",
            "lkml-2019-5.3-kmem-pS-callsite-no-task-column-slub-debug-sizes.txt, 9, 0",
            "lkml-2022-5.18-trace-cmd-style-kmem-accounted-symbol-prefix.txt, 4, 1",
            "lkml-2024-6.12-kmem-options-fields-raw-hex.txt, 4, 0",
            "lkml-2024-6.12-kmem-tp_printk-node-accounted-name.txt, 4, 0",
            "lkml-2024-6.8-kmem_cache_free-task-name-with-colon.txt, 1, 0",
            "trace-cmd-report-2.6.3x-kmalloc-kfree-hex-callsite.txt, 2, 2",
            "trace-cmd-report-F-kmalloc-6.x-node-accounted-hexgfp.txt, 9, 2",
            "kprobe-named-kmem_cache_alloc-stacktrace-lookalike-4.x.txt, 0, 8",
    })
    void everyPublicFormatIsRead(String file, long events, long skipped) throws Exception {
        long[] s = new long[3];
        List<KmemEvent> e = read(CorpusSlabinfoTest.sample("public/ftrace-kmem/" + file), s);
        assertEquals(events, s[0]);
        assertEquals(skipped, s[2]);
        for (KmemEvent x : e) assertTrue(x.callSite() != null && x.ptr() != -1, x.toString()); // raw 0xffff... pointers are negative longs
    }

    @Test
    void fieldsOfEveryKernelGeneration() throws Exception {
        long[] s = new long[3];
        KmemEvent named = read(CorpusSlabinfoTest.sample("public/ftrace-kmem/lkml-2024-6.12-kmem-tp_printk-node-accounted-name.txt"), s).stream()
                .filter(x -> x.kind() == KmemEvent.Kind.KMEM_CACHE_FREE).findFirst().orElseThrow();
        assertEquals("names_cache", named.name());
        KmemEvent raw = read(CorpusSlabinfoTest.sample("public/ftrace-kmem/lkml-2024-6.12-kmem-options-fields-raw-hex.txt"), s).get(1);
        assertEquals(0x168, raw.bytesReq());
        assertEquals(0x180, raw.bytesAlloc());
        assertEquals(0xffff9e0e8577f800L, raw.ptr());
        KmemEvent perf = read(CorpusSlabinfoTest.sample("public/ftrace-kmem/lkml-2015-ppc64-perf-script-kmem-kmalloc-callchain.txt"), s).get(0);
        assertEquals(4666.621521, perf.time(), 1e-9, "perf's time stands before 'kmem:kmalloc:'");
        assertEquals(0xc0000000003ce108L, Long.parseUnsignedLong(perf.callSite(), 16));
        List<KmemEvent> old = read(CorpusSlabinfoTest.sample("public/ftrace-kmem/kmem-probe-3.x-i386-qemu-boot-full-trace-SLUB.txt"), s);
        assertTrue(old.stream().anyMatch(x -> x.kind() == KmemEvent.Kind.KFREE && x.ptr() == 0), "ptr=  (null) is NULL");
        KmemEvent live = read(CorpusSlabinfoTest.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz"), s).get(2);
        assertEquals(KmemEvent.Kind.KMEM_CACHE_ALLOC, live.kind());
        assertEquals("names_cache", live.name());
        assertEquals("getname_flags.part.0+0x24/0x1f0", live.callSite());
        assertEquals(1, live.cpu());
        assertEquals(1475.413527, live.time(), 1e-9);
        assertEquals(245720, s[0]);
    }

    @Test
    void lostEventsAreCountedFromTheHeaderAndTheMarkers() throws Exception {
        Path t = dir.resolve("lossy.txt");
        Files.writeString(t, String.join("\n",
                "# tracer: nop",
                "# entries-in-buffer/entries-written: 2/100   #P:2",
                "            bash-1     [000] .....     1.000001: kmalloc: call_site=f+0x1/0x2 ptr=000000000000bbbb bytes_req=50 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=false",
                "CPU:1 [LOST 12 EVENTS]",
                "            bash-1     [001] .....     1.000003: kfree: call_site=h+0x1/0x2 ptr=000000000000bbbb", ""));
        long[] s = new long[3];
        read(t, s);
        assertEquals(2, s[0]);
        assertEquals(98 + 12, s[1]);
    }

    @Test
    void aFileWithoutEventsIsAnError() {
        InputException e = assertThrows(InputException.class,
                () -> read(CorpusSlabinfoTest.sample("public/ftrace-kmem/tracepoint-format-kmem_cache_alloc-5.x-ubuntu.txt"), new long[3]));
        assertTrue(e.getMessage().contains("no kmem events"), e.getMessage());
    }

    @Test
    void aPeekReadsTheHeadersCpusAndWhetherAllocationsNameTheirCache() throws Exception {
        assertEquals(new KmemTraceReader.Peek(true, 2), KmemTraceReader.peek(CorpusSlabinfoTest.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz").toString()));
        assertEquals(new KmemTraceReader.Peek(false, 2), KmemTraceReader.peek(CorpusSlabinfoTest.sample("lab/debian-6.1.0-56-slub/seed/kmem-trace.txt").toString()));
        assertEquals(new KmemTraceReader.Peek(false, 1),
                KmemTraceReader.peek(CorpusSlabinfoTest.sample("public/ftrace-kmem/kmem-probe-3.x-i386-qemu-boot-full-trace-SLUB.txt").toString()));
        assertEquals(new KmemTraceReader.Peek(true, null),
                KmemTraceReader.peek(CorpusSlabinfoTest.sample("public/ftrace-kmem/lkml-2015-ppc64-perf-script-kmem-kmalloc-callchain.txt").toString()),
                "perf script: no header, and no kmem_cache_alloc to learn from");
    }

    /**
     * perf script's lost-event records (printed with --show-lost-events) are lost events, as many as the perf.data
     * says; they were passed over in silence and the replay called itself exact. Without them, the source says the text
     * cannot tell a loss.
     */
    @Test
    void perfScriptLostRecordsAreLostEvents() throws Exception {
        List<ParseProblem> problems = new ArrayList<>();
        Path sample = CorpusSlabinfoTest.sample("traces-6.18/perf-script-show-lost-events.txt");
        TraceStats s = new KmemTraceReader(new Problems(problems::add)).read(sample.toString(), e -> { });
        assertEquals(63, s.events());
        assertEquals(1819 + 46 + 450, s.lostEvents());
        assertEquals(0, s.skippedLines());
        assertEquals(List.of(), problems);
        Path without = dir.resolve("no-lost-lines.txt");
        Files.write(without, Files.readAllLines(sample).stream().filter(l -> !l.contains("PERF_RECORD_LOST")).toList());
        TraceStats w = new KmemTraceReader(Problems.collecting()).read(without.toString(), e -> { });
        assertEquals(0, w.lostEvents());
        assertTrue(w.source().contains("--show-lost-events"), w.source());
    }

    /** A call chain's frames (perf script -g, ftrace's stacktrace) and trace-cmd report's own lines are known, not "not understood". */
    @Test
    void framesAndReportHeadersAreKnownLines() throws Exception {
        Path t = dir.resolve("frames.txt");
        Files.writeString(t, String.join("\n",
                "cpus=2",
                "version = 7",
                "            bash-1     [000] .....     1.000002: kmalloc: call_site=f+0x1/0x2 ptr=000000000000bbbb bytes_req=50 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=false",
                "            bash-1     [000] .....     1.000003: <stack trace>",
                " => __kmalloc",
                " => getname_flags",
                "jbd2/dm-3-8  7666 [000]  4666.621521: kmem:kmalloc: call_site=c0000000003ce108 ptr=0xc000000fcd646360 bytes_req=96 bytes_alloc=96 gfp_flags=GFP_NOFS",
                "\t    ffffffff8130b2a1 __kmalloc+0x1a1 ([kernel.kallsyms])",
                "                  27f1dc .__kmalloc (/boot/vmlinux)",
                "", "a line of something else", ""));
        List<ParseProblem> problems = new ArrayList<>();
        TraceStats s = new KmemTraceReader(new Problems(problems::add)).read(t.toString(), e -> { });
        assertEquals(2, s.events());
        assertEquals(1, s.otherEvents(), "the stack trace's own event line");
        assertEquals(1, s.skippedLines());
        assertTrue(problems.get(0).toString().contains(":11:") && problems.get(0).toString().contains("a line of something else"), problems.toString());
    }

    @Test
    void otherEventsAreCountedAndLookAlikesSkippedWithTheirLine() throws Exception {
        Path t = dir.resolve("mixed.txt");
        Files.writeString(t, String.join("\n",
                "# tracer: nop",
                "            bash-1     [000] d..2.     1.000001: sched_switch: prev_comm=bash prev_pid=1 ==> next_comm=swapper/0",
                "            bash-1     [000] .....     1.000002: kmalloc: call_site=f+0x1/0x2 ptr=000000000000bbbb bytes_req=50 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=false",
                "          <idle>-0     [001] ..s1.     1.000003: softirq_raise: vec=1 [action=TIMER]",
                "            bash-1     [001] .....     1.000004: kmalloc: (__kmalloc+0x0/0x10) arg1=64",
                "a line of something else", ""));
        List<ParseProblem> problems = new ArrayList<>();
        TraceStats s = new KmemTraceReader(new Problems(problems::add)).read(t.toString(), e -> { });
        assertEquals(1, s.events());
        assertEquals(2, s.otherEvents());
        assertEquals(2, s.skippedLines(), "the look-alike and the line of something else");
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).toString().contains(":5:") && problems.get(0).toString().contains("arg1=64"), problems.get(0).toString());
        assertTrue(problems.get(1).toString().contains(":6:") && problems.get(1).toString().contains("a line of something else"), problems.get(1).toString());
    }

    /** Lines as perf script, trace-cmd report (plain and -R) and ftrace print them on 6.18 (from samples/traces-6.18). */
    private static final String SHAPES = """
            cpus=2
                        perf  7793 [000]   308.688609:          kmem:kmalloc: call_site=sched_setaffinity+0x10c ptr=0xffff88810430f8a0 bytes_req=32 bytes_alloc=32 gfp_flags=GFP_KERNEL node=-1 accounted=false
                        perf  7816 [000]   308.695519: kmem:kmem_cache_alloc: call_site=copy_fs_struct+0x22 ptr=0xffff888105beb340 name=anon_vma_chain bytes_req=64 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=true
             C1 CompilerThre  7815 [000]   308.707056:            kmem:kfree: call_site=perf_event_mmap+0x258 ptr=(nil)
            	ffffffff81234567 kfree+0x1a5 ([kernel.kallsyms])
            	ffffffff81234999 perf_event_mmap+0x258 ([kernel.kallsyms])
                        perf  7816 [001]   308.695600:    kmem:kmem_cache_free: call_site=exit_fs+0x50 ptr=0xffff888105beb340 name=anon_vma_chain
                          ls-6959  [000]   300.071485: kfree:                (ida_alloc_range+0x39b) call_site=ida_alloc_range+0x39b ptr=(nil)
                          ls-6959  [000]   300.071448: kmem_cache_alloc:      call_site=alloc_empty_file+0x3c ptr=0xffff8881567e9300 name=filp bytes_req=184 bytes_alloc=192 gfp_flags=0xcc0 node=-1 accounted=1
            CPU:1 [EVENTS DROPPED]
            """;

    @Test
    void everyKindOfEveryToolIsCountedAndNothingIsDroppedSilently() throws Exception {
        Path f = dir.resolve("shapes.txt");
        Files.writeString(f, SHAPES);
        List<KmemEvent> e = new ArrayList<>();
        TraceStats s = new KmemTraceReader(Problems.collecting()).read(f.toString(), e::add);
        assertEquals(6, s.events(), "every event line, perf's right-aligned names included");
        assertEquals(new TraceStats.KindCounts(1, 2, 2, 1), s.byKind());
        assertEquals(2, s.nullFrees(), "kfree of NULL is an event, counted apart");
        assertEquals(0, s.skippedLines(), "callchain frames are no events");
        assertEquals(1, s.lossMarkers(), "trace-cmd's [EVENTS DROPPED] is a loss of unknown size");
        assertTrue(s.lossy() && s.approximate());
        KmemEvent kmalloc = e.get(0);
        assertEquals(KmemEvent.Kind.KMALLOC, kmalloc.kind());
        assertEquals("sched_setaffinity+0x10c", kmalloc.callSite());
        assertEquals(32, kmalloc.bytesAlloc());
        assertEquals(308.688609, kmalloc.time(), 1e-9);
        assertEquals(0, kmalloc.cpu());
        assertEquals(0, e.get(2).ptr());
        KmemEvent raw = e.get(5);
        assertEquals("alloc_empty_file+0x3c", raw.callSite(), "the (call_site) prefix of trace-cmd report is passed over");
        assertEquals(Boolean.TRUE, raw.accounted(), "-R prints accounted=1");
        assertEquals("0xcc0", raw.gfpFlags());
    }

    @Test
    void lookAlikesAreShownThreeTimesAndCountedOnce() throws Exception {
        Path f = dir.resolve("lookalikes.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10; i++) b.append("  kworker-").append(i).append(" [000] 1.00000").append(i).append(": kmalloc: garbage\n");
        b.append("  ls-1 [000] 2.000000: kfree: call_site=x+0x1 ptr=0xffff888100000000\n");
        Files.writeString(f, b);
        List<ParseProblem> shown = new ArrayList<>();
        TraceStats s = new KmemTraceReader(new Problems(shown::add)).read(f.toString(), e -> { });
        assertEquals(1, s.events());
        assertEquals(10, s.skippedLines());
        assertTrue(s.approximate(), "lines not understood make the replay approximate");
        assertEquals(KmemTraceReader.SHOWN_PER_KIND + 1, shown.size(), shown.toString());
        assertEquals(1, shown.get(0).line(), "FILE:LINE of the first");
        assertTrue(shown.get(KmemTraceReader.SHOWN_PER_KIND).message().contains("7 more kmalloc lines"), shown.toString());
    }

    @Test
    void aCutOffGzipTraceKeepsTheEventsBeforeTheCutAndIsApproximate() throws Exception {
        Path whole = dir.resolve("whole.txt"), gz = dir.resolve("cut.txt.gz");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            text.append("            bash-16362   [000] .....  8122.").append(String.format("%06d", i))
                    .append(": kmalloc: call_site=load_elf_binary+0x1c4/0x1350 ptr=").append(String.format("%016x", 0xffff888100000000L + 64L * i))
                    .append(" bytes_req=52 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=false\n");
        }
        Files.writeString(whole, text);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(whole, out);
        }
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
        Problems problems = Problems.collecting();
        TraceStats s = new KmemTraceReader(problems).read(gz.toString(), e -> { });
        assertTrue(s.events() > 10_000 && s.events() < 60_000, "events " + s.events());
        assertEquals(1, s.lossMarkers());
        assertTrue(s.approximate(), "events after the cut are lost");
        assertTrue(problems.first().stream().anyMatch(p -> p.message().startsWith("input ends early")));
        assertEquals(60_000, new KmemTraceReader(Problems.collecting()).read(whole.toString(), e -> { }).events());
    }

    @Test
    void traceCmdReportsCountedDropsOfAnInstanceAreLostEvents() throws Exception {
        // trace-cmd 3.1 report of 'extract -B rc1' on this host: the instance's lines carry its name, the drops their count
        Path f = dir.resolve("report.txt");
        Files.writeString(f, String.join("\n",
                "cpus=2",
                "rc1: CPU:0 [103508 EVENTS DROPPED]",
                "rc1:             tar-4242  [000]  4469.176935: kfree:                (tracing_release_pipe+0x8d) call_site=tracing_release_pipe+0x8d ptr=0xffff8881a58f0000",
                "rc1: CPU:1 [220648 EVENTS DROPPED]",
                "rc1: CPU:1 [EVENTS DROPPED]",
                "rc1: CPU:1 [lots of EVENTS DROPPED]", ""));
        Problems problems = Problems.collecting();
        TraceStats s = new KmemTraceReader(problems).read(f.toString(), e -> { });
        assertEquals(1, s.events());
        assertEquals(103508 + 220648, s.lostEvents());
        assertEquals(1, s.lossMarkers());
        assertEquals(1, problems.skippedLines(), "a marker it cannot read is said, not dropped");
        assertTrue(s.approximate());
    }
}
