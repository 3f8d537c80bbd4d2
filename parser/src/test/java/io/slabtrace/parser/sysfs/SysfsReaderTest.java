package io.slabtrace.parser.sysfs;

import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.model.sysfs.SysfsValue;
import io.slabtrace.model.sysfs.UniqueId;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.CorpusSlabinfoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysfsReaderTest {
    static Path lab(String f) {
        return CorpusSlabinfoTest.sample("lab/" + f);
    }

    @TempDir
    Path dir;

    SysfsTree read(Path p, Problems problems) throws InputException {
        return new SysfsReader(problems).read(p.toString());
    }

    @Test
    void oneCacheDumpIsTyped() throws Exception {
        SysfsTree t = read(lab("debian-6.1.0-56-slub/seed/sysfs-test-cache.txt"), Problems.collecting());
        SysfsCache c = t.find("slab_test_cache");
        assertEquals(40, c.objectSize());
        assertEquals(64, c.slabSize());
        assertEquals(64, c.align());
        assertEquals("my_ctor+0x0/0x2a [slab_test]", c.ctor());
        assertEquals(Set.of(SlabFlag.HWCACHE_ALIGN), c.flags());
        SysfsValue.NodeSummed total = assertInstanceOf(SysfsValue.NodeSummed.class, c.attributes().get("total_objects"));
        assertEquals(64, total.total());
        assertEquals(Map.of(0, 64L), total.perNode());
        assertEquals(0, c.slabsCpuPartial().slabs());
        assertEquals(0, c.freeOnNodePartial());
    }

    @Test
    void globDumpAliasesAreInferredExactlyAsTheSymlinksWere() throws Exception {
        // sysfs-all.ls.txt is 'ls -l' of the same directory: the symlinks are the truth
        Map<String, String> truth = new TreeMap<>();
        for (String line : Files.readAllLines(lab("debian-6.1.0-56-slub/seed/sysfs-all.ls.txt"))) {
            if (line.contains(" -> ")) {
                String[] parts = line.substring(line.lastIndexOf(' ', line.indexOf(" -> ") - 1) + 1).split(" -> ");
                truth.put(parts[0], parts[1]);
            }
        }
        SysfsTree t = read(lab("debian-6.1.0-56-slub/seed/sysfs-all.txt"), Problems.collecting());
        assertEquals(truth.size(), 110);
        // the creator's own name is a symlink too; the dump cannot tell it from an alias, and need not
        assertEquals(truth, t.aliases());
        SysfsCache acpi = t.find("Acpi-Namespace");
        assertEquals(":0000048", acpi.name());
        assertTrue(acpi.aliasNames().contains("Acpi-Namespace"));
        for (SysfsCache c : t.caches()) if (c.name().startsWith(":")) assertEquals(c.aliases() + 1, c.aliasNames().size(), c.name());
    }

    @Test
    void slubStatsCountersArePerCpu() throws Exception {
        SysfsTree t = read(lab("custom-6.1.192-slub-stats/seed/sysfs-test-cache.txt"), Problems.collecting());
        SysfsCache c = t.find("slab_test_cache");
        SysfsValue.PerCpuCounter alloc = assertInstanceOf(SysfsValue.PerCpuCounter.class, c.attributes().get("alloc_slab"));
        assertEquals(1, alloc.total());
        assertEquals(1L, alloc.perCpu().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void liveCaptureRunInsideTheDirectoryHasDotSlashPaths() throws Exception {
        SysfsTree t = read(CorpusSlabinfoTest.sample("live-6.18/sysfs-all.after.txt"), Problems.collecting());
        assertEquals(235, t.caches().size());
        SysfsCache vma = t.find("vm_area_struct");
        assertEquals(32, vma.sheafCapacity());
        SysfsValue.CpuPartial cp = t.find("dentry").slabsCpuPartial();
        assertTrue(cp.slabs() >= 0 && cp.objects() >= 0);
    }

    @Test
    void copiedTreeWithSymlinksAndUnreadableFiles() throws Exception {
        Path real = Files.createDirectories(dir.resolve(":0000064"));
        Files.writeString(real.resolve("object_size"), "64\n");
        Files.writeString(real.resolve("slab_size"), "64\n");
        Files.writeString(real.resolve("objects"), "128 N0=100 N1=28\n");
        Files.writeString(real.resolve("aliases"), "1\n");
        Files.createFile(real.resolve("shrink")).toFile().setReadable(false);
        Files.createSymbolicLink(dir.resolve("kmalloc-64"), Path.of(":0000064"));
        Files.createSymbolicLink(dir.resolve("dma_buf"), Path.of(":0000064"));
        SysfsTree t = read(dir, Problems.collecting());
        assertEquals(1, t.caches().size());
        assertEquals(":0000064", t.find("dma_buf").name());
        assertEquals(Map.of(0, 100L, 1, 28L), ((SysfsValue.NodeSummed) t.find("kmalloc-64").attributes().get("objects")).perNode());
    }

    @Test
    void tarOfTheTreeIsReadAndEscapingMembersAreRefused() throws Exception {
        Path root = Files.createDirectories(dir.resolve("sys/kernel/slab/dentry"));
        Files.writeString(root.resolve("object_size"), "192\n");
        Files.writeString(root.resolve("slab_size"), "192\n");
        Files.createSymbolicLink(dir.resolve("sys/kernel/slab/dcache"), Path.of("dentry"));
        Path evil = Files.createSymbolicLink(dir.resolve("sys/kernel/slab/evil"), Path.of("/etc/passwd"));
        Path tar = dir.resolve("slab.tar.gz");
        Process p = new ProcessBuilder("tar", "czf", tar.toString(), "-C", dir.toString(), "sys").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor());
        Files.delete(evil); // in the tar now; left in the directory, JUnit's clean-up warns about a link out of it
        Problems problems = Problems.collecting();
        SysfsTree t = read(tar, problems);
        assertEquals(192, t.find("dcache").objectSize());
        assertNull(t.find("evil"));
        assertTrue(problems.first().stream().anyMatch(x -> x.message().contains("'sys/kernel/slab/evil -> /etc/passwd' refused")), problems.first().toString());
    }

    @Test
    void badDumpsGiveOneLineErrorsOrLineNumbers() throws Exception {
        Path prose = dir.resolve("notes.txt");
        Files.writeString(prose, "hello\nworld\n");
        Problems problems = Problems.collecting();
        InputException e = assertThrows(InputException.class, () -> read(prose, problems));
        assertTrue(e.getMessage().startsWith(prose + ": no slab cache attributes found"), e.getMessage());
        assertEquals(2, problems.skippedLines());
        assertEquals(1, problems.first().get(0).line());

        Path mixed = dir.resolve("mixed.txt");
        Files.writeString(mixed, "/sys/kernel/slab/dentry/object_size:192\n$ oops\n/sys/kernel/slab/dentry/objects:12x\n");
        Problems p2 = Problems.collecting();
        SysfsTree t = read(mixed, p2);
        assertEquals(192, t.find("dentry").objectSize());
        assertEquals(2, p2.first().get(0).line());
        assertTrue(p2.first().get(1).message().contains("dentry/objects: '12x' is not in the kernel's format"), p2.first().toString());
    }

    @Test
    void uniqueIdsDecode() {
        assertEquals(new UniqueId(Set.of(SlabFlag.ACCOUNT), 1280), UniqueId.decode(":A-0001280"));
        assertEquals(new UniqueId(Set.of(SlabFlag.RECLAIM_ACCOUNT, SlabFlag.ACCOUNT), 32), UniqueId.decode(":aA-0000032"));
        assertEquals(new UniqueId(Set.of(), 64), UniqueId.decode(":0000064"));
        assertNull(UniqueId.decode("dentry"));
    }
}
