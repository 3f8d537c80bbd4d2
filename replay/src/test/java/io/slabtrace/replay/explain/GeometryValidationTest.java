package io.slabtrace.replay.explain;

import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Layouter;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.SlubLayouter;
import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsSpecs;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The layout model recomputes every cache's slot size, objects per slab and order from the
 * cache's own defining attributes, and must agree with the kernel for all of them (100 %).
 */
class GeometryValidationTest {
    static Path sample(String name) {
        return Path.of(System.getProperty("slabtrace.samples", "../samples"), name);
    }

    static List<GeometryCheck> check(SysfsTree tree, Machine m) {
        Layouter slub = new SlubLayouter();
        return tree.caches().stream().map(c -> GeometryCheck.of(c, slub, m)).toList();
    }

    static void assertAllMatch(List<GeometryCheck> checks, int atLeast) {
        List<GeometryCheck> wrong = checks.stream().filter(c -> !c.matches()).toList();
        assertTrue(checks.size() >= atLeast, "only " + checks.size() + " caches");
        assertEquals(List.of(), wrong, () -> wrong.size() + " of " + checks.size() + " caches differ");
    }

    @Test
    void everyCacheOfTheLiveKernel() throws Exception {
        Path live = Path.of("/sys/kernel/slab");
        assumeTrue(Files.isDirectory(live), "needs a Linux host with SLUB sysfs");
        SysfsTree tree = new SysfsReader(Problems.collecting()).read(live.toString());
        HostFacts host = HostFacts.live();
        int page = SysfsSpecs.inferPageSize(tree);
        Machine m = Machine.x86_64(host.cpus(), KernelVersion.parse(host.release())).withPageSize(page);
        assertAllMatch(check(tree, m), 50);
        // a merged cache's unique-id directory has a symlink per name, its creator's included: aliases + 1 (sysfs_slab_add)
        for (SysfsCache c : tree.caches()) {
            assertEquals(c.name().startsWith(":") ? c.aliases() + 1 : 0, c.aliasNames().size(), c.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"live-6.18/sysfs-all.before.txt", "live-6.18/sysfs-all.after.txt"})
    void liveCapturesOf618(String file) throws Exception {
        SysfsTree tree = new SysfsReader(Problems.collecting()).read(sample(file).toString());
        assertEquals(4096, SysfsSpecs.inferPageSize(tree));
        assertAllMatch(check(tree, Machine.x86_64(2, KernelVersion.parse("6.18.44"))), 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian-6.1.0-56-slub/seed", "debian-6.1.0-56-slub/seed-slub-debug",
            "debian-6.1.0-56-slub/lab-200-hw-ctor-n500-every-other", "custom-6.1.192-slub-stats/seed",
            "custom-6.1.192-slub-stats/lab-200-hw-ctor-n500-every-other"})
    void labCapturesOf61(String scenario) throws Exception {
        Path dir = sample("lab/" + scenario);
        HostFacts facts = HostFacts.near(dir.resolve("sysfs-all.txt"));
        assertEquals(2, facts.cpus());
        SysfsTree tree = new SysfsReader(Problems.collecting()).read(dir.resolve("sysfs-all.txt").toString());
        assertAllMatch(check(tree, Machine.x86_64(facts.cpus(), KernelVersion.parse(facts.release()))), 100);
    }
}
