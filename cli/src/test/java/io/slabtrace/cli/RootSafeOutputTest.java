package io.slabtrace.cli;

import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * collect and report run as root: links an unprivileged user planted on the names they write are
 * never written through. Needs root (CI runs as root; elsewhere these are skipped) and the user
 * 'nobody', who plays the attacker: the links and directories are theirs.
 */
class RootSafeOutputTest {
    static final String SAMPLE = Run.sample("live-6.18/slabinfo.after");
    static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);
    /** Every name collect writes, and the fixed temporary names it used to write through. */
    static final List<String> NAMES = List.of("slabinfo.log", "meta.json", "kmem-trace.txt.gz", "kmem-trace.dat", "kmem-trace.dat.cpu0",
            "kmem-trace.dat.cpu1", ".meta.json.tmp", ".slabinfo.log.tmp",
            "sysfs/000001.txt.gz", "sysfs/000002.txt.gz", "sysfs/.000001.txt.gz.tmp", "sysfs/.000002.txt.gz.tmp");

    @TempDir
    Path base;
    Path victims;
    UserPrincipal nobody;
    final Map<Path, byte[]> before = new LinkedHashMap<>();

    @BeforeEach
    void rootAndNobody() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, as collect does (CI runs as root)");
        nobody = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        victims = Files.createDirectory(base.resolve("victims"));
    }

    /** A file outside every output directory that a planted link points at; checked unchanged by {@link #victimsUntouched}. */
    Path victim(String name) throws Exception {
        Path v = victims.resolve(name.replace('/', '_'));
        if (!Files.exists(v)) {
            Files.writeString(v, "precious " + name + "\n");
            Files.setLastModifiedTime(v, LONG_AGO);
            before.put(v, Files.readAllBytes(v));
        }
        return v;
    }

    void victimsUntouched() throws Exception {
        for (Map.Entry<Path, byte[]> v : before.entrySet()) {
            assertArrayEquals(v.getValue(), Files.readAllBytes(v.getKey()), v.getKey() + " written through a link");
            assertEquals(LONG_AGO, Files.getLastModifiedTime(v.getKey()), v.getKey() + " touched through a link");
        }
        try (Stream<Path> s = Files.list(victims)) {
            assertEquals(before.size(), s.count(), "no file appeared beside the victims");
        }
    }

    /** A link owned by nobody at {@code at}, pointing at a victim. */
    Path plant(Path at) throws Exception {
        Files.createSymbolicLink(at, victim(base.relativize(at).toString()));
        Files.getFileAttributeView(at, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        return at;
    }

    /** Links on every name collect writes, in {@code dir} (and a sysfs/ there, both owned by {@code owner}). */
    Path plantEverywhere(Path dir, UserPrincipal owner, String mode) throws Exception {
        Files.createDirectories(dir.resolve("sysfs"));
        for (String n : NAMES) plant(dir.resolve(n));
        for (Path d : List.of(dir.resolve("sysfs"), dir)) {
            Files.setOwner(d, owner);
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
        }
        return dir;
    }

    static Run collect(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("collect", "-o", dir.toString(), "--source", SAMPLE, "--interval", "10ms", "--count", "2"));
        args.addAll(Arrays.asList(more));
        return Run.of(args.toArray(String[]::new));
    }

    /** Exit status 1 and exactly one line on stderr, holding every one of {@code parts}. */
    static void refused(Run r, String... parts) {
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("slabtrace: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String p : parts) assertTrue(r.err().contains(p), "'" + p + "' in: " + r.err());
    }

    @Test
    void anotherUsersDirectoryWithLinksOnEveryNameIsRefused() throws Exception {
        Path dir = plantEverywhere(base.resolve("slab"), nobody, "rwxr-xr-x");
        Path prom = Files.createDirectory(base.resolve("textfile"));
        plant(prom.resolve(".slab.prom.tmp"));
        plant(prom.resolve("slab.prom"));
        Run r = collect(dir, "--sysfs", "--trace", "kmem", "--openmetrics", prom.resolve("slab.prom").toString());
        refused(r, dir + " is owned by nobody, not by root", "choose a new path");
        refused(collect(dir, "--resume"), dir + " is owned by nobody, not by root", "choose a new path");
        victimsUntouched();
        for (String n : NAMES) assertTrue(Files.isSymbolicLink(dir.resolve(n)), n + " left as planted");
    }

    @Test
    void aDirectoryOtherUsersMayWriteToIsRefusedEvenWhenRootOwnsIt() throws Exception {
        Path world = plantEverywhere(base.resolve("world"), base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"),
                "rwxrwxrwx");
        refused(collect(world, "--sysfs"), world + " can be written by other users (mode 0777)", "choose a new path");
        Path group = Files.createDirectory(base.resolve("group"));
        Files.setPosixFilePermissions(group, PosixFilePermissions.fromString("rwxrwx---"));
        refused(collect(group), group + " can be written by other users (mode 0770)");
        victimsUntouched();
        assertEquals(List.of(), Files.list(group).toList(), "nothing written");
    }

    @Test
    void aParentEveryoneMayWriteToWithoutTheStickyBitIsRefused() throws Exception {
        Path open = Files.createDirectory(base.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        refused(collect(open.resolve("slab")), open + " is writable by every user and has no sticky bit");
        assertFalse(Files.exists(open.resolve("slab")), "nothing was created below it");
        refused(Run.of("report", SAMPLE, "-o", open.resolve("r.html").toString()), open + " is writable by every user and has no sticky bit");
    }

    @Test
    void anotherUsersLinkInAStickyWorldWritableDirectoryIsNotFollowed() throws Exception {
        Path tmp = Files.createDirectory(base.resolve("tmp"));
        Files.setAttribute(tmp, "unix:mode", 01777); // as /tmp: the sticky bit has no PosixFilePermission
        Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("slab"), elsewhere);
        Files.getFileAttributeView(link, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        refused(collect(link.resolve("c")), link + " is a symbolic link owned by nobody", "protected_symlinks");
        refused(Run.of("report", SAMPLE, "-o", link.resolve("r.html").toString()), link + " is a symbolic link owned by nobody");
        assertEquals(List.of(), Files.list(elsewhere).toList(), "nothing written where the link points");
        // root's own link there is followed; a new directory in the sticky directory is fine (nobody can rename it)
        Path own = Files.createSymbolicLink(tmp.resolve("mine"), elsewhere);
        assertEquals(0, collect(own.resolve("c")).status());
        assertEquals(0, collect(tmp.resolve("c")).status());
    }

    @Test
    void aCollectionIsContinuedOnlyWithResumeAndOnlyThroughPlainFiles() throws Exception {
        Path dir = base.resolve("slab");
        assertEquals(0, collect(dir).status());
        refused(collect(dir), dir + " already holds a collection", "--resume");
        Run resumed = collect(dir, "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        List<Snapshot> s = new SlabinfoReader(Problems.collecting()).readAll(dir.toString());
        assertEquals(4, s.size(), "two runs of two snapshots in one series");
        try (java.nio.channels.FileChannel log = java.nio.channels.FileChannel.open(dir.resolve("slabinfo.log"),
                java.nio.file.StandardOpenOption.APPEND); var lock = log.lock()) { // as a collect still running holds it
            refused(collect(dir, "--resume"), dir + " is being written by another collect");
        }
        Files.writeString(dir.resolve("kmem-trace.txt.gz"), "");
        refused(collect(dir, "--resume", "--trace", "kmem"), "already holds kmem-trace.txt.gz", "choose a new path");

        // a root-owned, private collection whose log someone replaced by a link: --resume does not append through it
        Files.delete(dir.resolve("slabinfo.log"));
        plant(dir.resolve("slabinfo.log"));
        refused(collect(dir, "--resume"), dir.resolve("slabinfo.log") + " is not a file collect made (a symbolic link owned by nobody)");
        Path other = base.resolve("other");
        refused(collect(other, "--resume"), other + " does not exist", "drop --resume");
        Path empty = Files.createDirectory(base.resolve("empty"));
        refused(collect(empty, "--resume"), "holds no collection to --resume (no slabinfo.log)");
        Path busy = Files.createDirectory(base.resolve("busy"));
        Files.writeString(busy.resolve("notes"), "");
        refused(collect(busy), busy + " is not empty", "choose a new path");
        victimsUntouched();
    }

    @Test
    void aNewDirectoryIsMadePrivateAndItsFilesAre0640() throws Exception {
        Path dir = base.resolve("var/lib/slabtrace/run1");
        Path prom = Files.createDirectory(base.resolve("textfile"));
        plant(prom.resolve(".slab.prom.tmp")); // the old fixed temporary name beside the metrics file
        boolean sysfs = Files.isDirectory(Path.of("/sys/kernel/slab"));
        List<String> more = new ArrayList<>(List.of("--openmetrics", prom.resolve("slab.prom").toString()));
        if (sysfs) more.add("--sysfs");
        Run r = collect(dir, more.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        int umask = umask();
        PosixFileAttributes d = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertEquals("root", d.owner().getName());
        assertEquals(mode(0750 & ~umask), d.permissions(), "the collection directory");
        assertFalse(d.permissions().contains(PosixFilePermission.GROUP_WRITE) || d.permissions().contains(PosixFilePermission.OTHERS_WRITE));
        List<Path> files = new ArrayList<>(List.of(dir.resolve("slabinfo.log"), dir.resolve("meta.json")));
        if (sysfs) {
            assertEquals(mode(0750 & ~umask), Files.getPosixFilePermissions(dir.resolve("sysfs"), LinkOption.NOFOLLOW_LINKS), "sysfs/");
            files.add(dir.resolve("sysfs/000001.txt.gz"));
            files.add(dir.resolve("sysfs/000002.txt.gz"));
        }
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS), f.toString());
            assertEquals(mode(0640 & ~umask), Files.getPosixFilePermissions(f), f.toString());
            assertEquals("root", Files.getOwner(f).getName(), f.toString());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
        Path metrics = prom.resolve("slab.prom");
        assertTrue(Files.isRegularFile(metrics, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.readString(metrics).endsWith("# EOF\n"));
        assertEquals(mode(0666 & ~umask), Files.getPosixFilePermissions(metrics), "node_exporter reads it as its own user");
        assertTrue(Files.isSymbolicLink(prom.resolve(".slab.prom.tmp")), "the planted link is left alone");
        try (Stream<Path> s = Files.list(prom)) {
            assertEquals(2, s.count(), "the metrics and the planted link: no temporary file left");
        }
        victimsUntouched();
    }

    @Test
    void aReportOntoAPlantedLinkReplacesTheLinkNotWhatItPointsTo() throws Exception {
        Path out = Files.createDirectory(base.resolve("out"));
        Path html = plant(out.resolve("r.html"));
        plant(out.resolve(".r.html.tmp"));
        Path pngs = Files.createDirectory(out.resolve("png"));
        plant(pngs.resolve("top-memory.png"));
        plant(pngs.resolve(".top-memory.png.tmp"));
        Run r = Run.of("report", SAMPLE, "-o", html.toString(), "--png-dir", pngs.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isRegularFile(html, LinkOption.NOFOLLOW_LINKS), "the link was replaced by the report");
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"), "the report itself");
        assertEquals("root", Files.getOwner(html, LinkOption.NOFOLLOW_LINKS).getName());
        assertTrue(Files.isRegularFile(pngs.resolve("top-memory.png"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(out.resolve(".r.html.tmp")) && Files.isSymbolicLink(pngs.resolve(".top-memory.png.tmp")),
                "the old temporary names are not used");
        victimsUntouched();
    }

    static Set<PosixFilePermission> mode(int bits) {
        Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((bits & (1 << (8 - p.ordinal()))) != 0) out.add(p);
        }
        return out;
    }

    /** This process's umask, as the kernel reports it (Linux 4.7 and later). */
    static int umask() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Umask:")) return Integer.parseInt(line.substring(6).strip(), 8);
        }
        return 022;
    }
}
