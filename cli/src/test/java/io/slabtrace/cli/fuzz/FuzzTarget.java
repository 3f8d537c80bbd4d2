package io.slabtrace.cli.fuzz;

import io.slabtrace.cli.Cli;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.binary.BinaryTraces;
import io.slabtrace.parser.detect.InputKind;
import io.slabtrace.parser.kernellog.KernelLogReader;
import io.slabtrace.parser.scenario.ScenarioParser;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import io.slabtrace.parser.sysfs.SysfsReader;
import io.slabtrace.parser.trace.KmemTraceReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * One thing the fuzzer feeds: a reader, where only {@link InputException} may escape, or a command, which must end
 * with status 0 or 1 and print no internal error. Seeds are sample files (paths below {@code samples/}).
 */
record FuzzTarget(String name, String extension, List<String> seeds, Action action) {

    @FunctionalInterface
    interface Action {
        /** Runs on the damaged file; throws InputException for a documented refusal, anything else is a bug. */
        void run(Path file) throws Exception;
    }

    static List<FuzzTarget> all() {
        List<String> slabinfo = List.of("lab/debian-6.1.0-56-slub/seed/slabinfo.before", "public/slabinfo/lkml-2002-2.4.19-pre9-ac3-v1.1-statistics-ppro.txt",
                "public/slabinfo/lkml-2005-2.6.12-rc6-mm1-amd64-slab-statistics-tabs.txt", "public/slabinfo/armv7-zynq-4.4.0-xilinx-slab-smp-sharedavail.txt");
        List<String> sysfs = List.of("lab/debian-6.1.0-56-slub/seed/sysfs-test-cache.txt", "lab/custom-6.1.192-slab/seed/sysfs-test-cache.txt");
        List<String> dmesg = List.of("lab/custom-6.1.192-slab/seed/dmesg.txt", "public/kernel-reports/kasan/doc-kasan-rst-slab-oob-kmalloc_oob_right-4.19.log",
                "public/kernel-reports/kfence/doc-kfence-rst-uaf-read-5.8.log", "public/kernel-reports/kmemleak/pci-resource-arm32-tab-indented-6.2.log",
                "public/kernel-reports/oom/bpf-test_maps-htab-5.8-truncated-table.log", "public/kernel-reports/slub_debug/cifs-kmalloc-16-redzone-32bit-hashed-5.9.log",
                "public/kernel-reports/alloc_failure/ceph-osd-kmalloc256-3.10-tabquoted.log", "public/kernel-reports/wrong_cache/acpi-namespace-kmalloc64-5.7-deepquoted.log");
        List<String> trace = List.of("lab/debian-6.1.0-56-slub/seed/kmem-trace.txt", "public/ftrace-kmem/trace-cmd-report-F-kmalloc-6.x-node-accounted-hexgfp.txt",
                "public/ftrace-kmem/lkml-2015-ppc64-perf-script-kmem-kmalloc-callchain.txt", "public/ftrace-kmem/kprobe-named-kmem_cache_alloc-stacktrace-lookalike-4.x.txt");
        List<String> scenario = List.of("scenarios/seed.scn", "scenarios/reap-idle.scn", "scenarios/two-cpus-remote-free.scn", "scenarios/lab-200-every-other.scn");
        List<String> binary = List.of("traces-6.18/kmem-v7-zstd.dat", "traces-6.18/kmem-perf.data.gz");
        return List.of(
                new FuzzTarget("slabinfo-reader", "txt", slabinfo, f -> new SlabinfoReader(Problems.collecting()).read(f.toString(), s -> { })),
                new FuzzTarget("sysfs-reader", "txt", sysfs, f -> new SysfsReader(Problems.collecting()).read(f.toString())),
                new FuzzTarget("kernellog-reader", "log", dmesg, f -> new KernelLogReader().read(f.toString())),
                new FuzzTarget("trace-reader", "txt", trace, f -> {
                    KmemTraceReader.peek(f.toString());
                    new KmemTraceReader(Problems.collecting()).read(f.toString(), e -> { });
                }),
                new FuzzTarget("scenario-parser", "scn", scenario, f -> ScenarioParser.read(f.toString())),
                new FuzzTarget("binary-traces", "dat", binary, f -> BinaryTraces.read(f, e -> { })),
                new FuzzTarget("detect", "txt", List.of(slabinfo.get(0), sysfs.get(0), dmesg.get(0), trace.get(0)), f -> InputKind.detect(f.toString())),
                command("top", "txt", slabinfo, "top"),
                command("explain", "txt", sysfs, "explain", "--all", "--cpus", "2", "--kernel", "6.1", "--from"),
                command("dmesg", "log", dmesg, "dmesg"),
                command("replay", "txt", trace, "replay", "--cpus", "2", "--kernel", "6.1"),
                command("simulate", "scn", scenario, "simulate"),
                command("simulate-slab", "scn", scenario, "simulate", "--allocator", "slab", "--kernel", "6.1"));
    }

    /** A command on the damaged file: status 0 or 1, and no internal error (status 3) or stack trace. */
    private static FuzzTarget command(String name, String extension, List<String> seeds, String... args) {
        return new FuzzTarget("command-" + name, extension, seeds, f -> {
            String[] full = java.util.Arrays.copyOf(args, args.length + 1);
            full[args.length] = f.toString();
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), full);
            String e = err.toString();
            if (status != 0 && status != 1 || e.contains("internal error") || e.contains("\tat ")) {
                throw new AssertionError("slabtrace " + String.join(" ", full) + " ended with status " + status + ":\n"
                        + e.substring(0, Math.min(e.length(), 2000)));
            }
            if (status == 1 && e.lines().filter(l -> !l.startsWith("slabtrace: warning:")).count() != 1) {
                throw new AssertionError("status 1 must come with one line, not:\n" + e.substring(0, Math.min(e.length(), 2000)));
            }
        });
    }
}
