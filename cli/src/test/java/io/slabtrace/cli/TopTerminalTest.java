package io.slabtrace.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code top} on a real 80×24 terminal: a detached tmux session (Debian's tmux, which .ci/run installs) runs
 * the CLI from the test classpath, and {@code tmux capture-pane} shows what a person would see. With
 * {@code -J} a wrapped line comes back joined, so a line longer than 80 columns means it wrapped.
 */
class TopTerminalTest {
    static final String AFTER = Run.sample("live-6.18/slabinfo.after");
    static final String STORM = Run.sample("live-6.18/dentry-storm/slabinfo-loop.log");
    private final String session = "slabtrace-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @TempDir
    Path dir;

    @AfterEach
    void killSession() throws Exception {
        tmux("kill-session", "-t", session);
    }

    private void start(String... args) throws Exception {
        StringBuilder cmd = new StringBuilder("'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' io.slabtrace.cli.Main");
        for (String a : args) cmd.append(" '").append(a).append("'");
        cmd.append("; echo $? > '").append(dir.resolve("status")).append("'; sleep 120");
        Proc r = tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", cmd.toString());
        assertEquals(0, r.status(), r.out());
    }

    private List<String> screen(boolean history) throws Exception {
        Proc r = history ? tmux("capture-pane", "-p", "-J", "-S", "-", "-t", session) : tmux("capture-pane", "-p", "-J", "-t", session);
        assertEquals(0, r.status(), r.out());
        return r.out().lines().toList();
    }

    private List<String> await(Predicate<List<String>> shown, boolean history) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> s = screen(history);
        while (!shown.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = screen(history);
        }
        assertTrue(shown.test(s), String.join("\n", s));
        return s;
    }

    private static void noLineWraps(List<String> lines) {
        for (String l : lines) assertTrue(l.codePointCount(0, l.length()) <= 80, "wraps at 80 columns: " + l);
    }

    @Test
    void onceFitsEightyColumns() throws Exception {
        start("top", STORM);
        List<String> s = await(l -> l.stream().anyMatch(x -> x.contains("ext4_inode_cache")) && Files.exists(dir.resolve("status")), true);
        noLineWraps(s);
        assertTrue(s.stream().anyMatch(l -> l.matches(".*OBJS .*MEMORY .*NAME")), String.join("\n", s));
        assertTrue(s.stream().anyMatch(l -> l.endsWith("ext4_inode_cache")), "names stay whole where they fit");
        assertTrue(s.stream().anyMatch(l -> l.endsWith("…")), "longer names are cut, not wrapped");
        assertEquals("0", Files.readString(dir.resolve("status")).strip());
    }

    @Test
    void liveTopShowsCacheRowsSortsOnAKeyAndQuitsOnQ() throws Exception {
        start("top", "--interval", "1s", AFTER);
        List<String> s = await(l -> l.stream().anyMatch(x -> x.endsWith("ext4_inode_cache")), false);
        noLineWraps(s);
        assertEquals(24, s.size(), "the screen is used, no more");
        assertTrue(s.get(0).contains("sorted by memory (c)"), s.get(0));
        assertTrue(s.stream().anyMatch(l -> l.contains("CHANGE") && l.contains("RATE/s") && l.endsWith("NAME")), String.join("\n", s));
        assertTrue(s.stream().anyMatch(l -> l.startsWith(" Active / Total Caches ")), "slabtop's summary lines");
        int header = indexOf(s, l -> l.endsWith("NAME"));
        assertTrue(s.get(header + 1).endsWith("ext4_inode_cache"), "the largest by memory first");
        tmux("send-keys", "-t", session, "n");
        s = await(l -> l.get(0).contains("sorted by name (n)"), false);
        assertTrue(s.get(header + 1).compareTo(s.get(header + 2)) != 0);
        tmux("send-keys", "-t", session, "q");
        await(l -> Files.exists(dir.resolve("status")), false);
        assertEquals("0", Files.readString(dir.resolve("status")).strip());
        List<String> after = screen(false);
        assertFalse(after.stream().anyMatch(l -> l.endsWith("NAME")), "the alternate screen is left: " + String.join("\n", after));
    }

    @Test
    void notOnATerminalOneSnapshotPerInterval() {
        Run r = Run.of("top", "--interval", "100ms", "--count", "2", "--limit", "3", AFTER);
        assertEquals(0, r.status(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith(" Source ")).count(), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.endsWith("NAME")).count(), r.out());
    }

    private static int indexOf(List<String> lines, Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) if (p.test(lines.get(i))) return i;
        throw new AssertionError("not shown");
    }

    record Proc(int status, String out) {
    }

    private static Proc tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("tmux is missing: install Debian's tmux (.ci/run does)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Proc(p.exitValue(), out);
    }
}
