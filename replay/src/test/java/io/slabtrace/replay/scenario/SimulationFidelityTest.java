package io.slabtrace.replay.scenario;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.scenario.Scenario;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.scenario.ScenarioParser;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The lab captures ran the shipped scenarios on real kernels: simulating them must give the same
 * /proc/slabinfo line for the test cache, every column, including CONFIG_DEBUG_SLAB's statistics.
 */
class SimulationFidelityTest {
    static Path sample(String name) {
        return Path.of(System.getProperty("slabtrace.samples", "../samples"), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // capture, scenario, allocator, debug SLAB, extra flags (slub_debug on the command line)
            "debian-6.1.0-56-slub/seed, seed, SLUB, false, ",
            "custom-6.1.192-slub-stats/seed, seed, SLUB, false, ",
            "debian-6.1.0-56-slub/seed-slub-debug, seed, SLUB, false, 'F,Z,P,U'",
            "custom-6.1.192-slab/seed, seed, SLAB, false, ",
            "custom-6.1.192-slab/seed-numa2, seed, SLAB, false, ",
            "custom-6.1.192-slab-debug/seed, seed, SLAB, true, ",
            "debian-6.1.0-56-slub/lab-200-hw-ctor-n500-every-other, lab-200-every-other, SLUB, false, ",
            "custom-6.1.192-slub-stats/lab-200-hw-ctor-n500-every-other, lab-200-every-other, SLUB, false, ",
            "custom-6.1.192-slab/lab-200-hw-ctor-n500-every-other, lab-200-every-other, SLAB, false, ",
            "custom-6.1.192-slab-debug/lab-200-hw-ctor-n500-every-other, lab-200-every-other, SLAB, true, ",
    })
    void simulationGivesTheKernelsLine(String capture, String scenario, Allocator allocator, boolean debugSlab, String slubDebug) throws Exception {
        Path dir = sample("lab/" + capture);
        HostFacts facts = HostFacts.near(dir.resolve("slabinfo.after"));
        Machine m = Machine.x86_64(facts.cpus(), KernelVersion.parse(facts.release())).withDebugSlab(debugSlab);
        Scenario sc = ScenarioParser.read(sample("scenarios/" + scenario + ".scn").toString());
        if (slubDebug != null) sc = withExtraFlags(sc, slubDebug);
        SimulationResult r = new ScenarioRunner(allocator, m, 1).run(sc);
        CacheStats simulated = r.snapshots().get(0).caches().get(0).slabinfo();
        List<Snapshot> observed = new SlabinfoReader(Problems.collecting()).readAll(dir.resolve("slabinfo.after").toString());
        CacheStats real = observed.get(0).caches().stream().filter(c -> c.name().equals(simulated.name())).findFirst().orElse(null);
        assertNotNull(real, simulated.name() + " in " + capture);
        assertEquals(real, simulated);
        // after rmmod the cache is gone from slabinfo, and the simulated one was destroyed with nothing left
        List<Snapshot> after = new SlabinfoReader(Problems.collecting()).readAll(dir.resolve("slabinfo.after-rmmod").toString());
        assertEquals(0, after.get(0).caches().stream().filter(c -> c.name().equals(simulated.name())).count());
        assertEquals(true, r.snapshots().get(1).caches().get(0).destroyed());
        assertEquals(List.of(), r.notes());
    }

    /** The capture booted with slub_debug=FZPU for the test cache: the same as creating it with those flags. */
    static Scenario withExtraFlags(Scenario sc, String flags) {
        return new Scenario(sc.source(), sc.ops().stream().map(op -> op instanceof io.slabtrace.model.scenario.Op.Cache c
                ? new io.slabtrace.model.scenario.Op.Cache(c.line(), c.name(), c.size(), c.align(),
                java.util.stream.Stream.concat(c.flags().stream(), io.slabtrace.model.layout.SlabFlag.parseList(flags).stream())
                        .collect(java.util.stream.Collectors.toSet()), c.ctor())
                : op).toList());
    }
}
