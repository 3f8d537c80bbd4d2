package io.slabtrace.cli.output;

import io.slabtrace.cli.error.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Walks a path one name at a time, as careful root tools do before writing below it, resolving each
 * symbolic link itself. Refused: a directory every user may write to without the sticky bit (anyone
 * could rename what lies below it and put their own in its place), and a link in a sticky
 * world-writable directory such as /tmp owned by neither root nor the running user (anyone could
 * have planted it; the kernel's protected_symlinks refuses to follow those too, but it may be off).
 */
public final class TrustedPath {
    private static final int MAX_LINKS = 40; // the kernel's own limit before ELOOP
    private static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFLNK = 0120000;
    private static final int STICKY = 01000, WORLD_WRITABLE = 0002;

    private TrustedPath() {
    }

    /** {@link #resolve} {@code dir}, and the directory itself (when it exists) as any directory on the way. */
    public static Path check(Path dir) throws IOException {
        Path real = resolve(dir);
        Map<String, Object> a = attributes(real);
        if (a != null && isDirectory(a)) passThrough(real, a);
        return real;
    }

    /**
     * The path with every link resolved (as far as it exists; the missing rest is appended as given),
     * each directory it passes through checked. The last name itself is not judged: a caller that
     * writes into it checks it by its own rules.
     */
    public static Path resolve(Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        Deque<String> todo = new ArrayDeque<>();
        for (Path name : abs) todo.add(name.toString());
        Path at = abs.getRoot();
        Map<String, Object> atAttributes = attributes(at);
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.equals(".")) continue;
            if (name.equals("..")) { // 'at' holds no link, so its parent is the real one
                if (at.getParent() != null) at = at.getParent();
                atAttributes = attributes(at);
                continue;
            }
            passThrough(at, atAttributes);
            Path next = at.resolve(name);
            Map<String, Object> a = attributes(next);
            if (a == null) { // not there yet: what is missing gets created below a checked directory
                for (String rest : todo) next = next.resolve(rest);
                return next;
            }
            int mode = (int) a.get("mode");
            if ((mode & S_IFMT) == S_IFLNK) {
                int uid = (int) a.get("uid");
                int parentMode = (int) atAttributes.get("mode");
                if ((parentMode & WORLD_WRITABLE) != 0 && (parentMode & STICKY) != 0 && uid != 0 && uid != RunningUser.uid()) {
                    throw new UserError(next + " is a symbolic link owned by " + owner(a) + " in the world-writable directory " + at
                            + ": refusing to follow it, as the kernel's protected_symlinks would; give a path without it");
                }
                if (++links > MAX_LINKS) throw new UserError(path + ": too many levels of symbolic links");
                Path target = Files.readSymbolicLink(next);
                Deque<String> expanded = new ArrayDeque<>();
                for (Path t : target) expanded.add(t.toString());
                expanded.addAll(todo);
                todo = expanded;
                if (target.isAbsolute()) {
                    at = target.getRoot();
                    atAttributes = attributes(at);
                }
                continue;
            }
            if (!isDirectory(a)) {
                if (!todo.isEmpty()) throw new UserError(next + " is not a directory");
                return next;
            }
            at = next;
            atAttributes = a;
        }
        return at;
    }

    /** A directory something is written below: refused when every user may rename its entries. */
    private static void passThrough(Path dir, Map<String, Object> a) {
        int mode = (int) a.get("mode");
        if ((mode & WORLD_WRITABLE) != 0 && (mode & STICKY) == 0) {
            throw new UserError(dir + " is writable by every user and has no sticky bit, so anyone could replace what is written below it: "
                    + "use a path under directories only their owners can write to");
        }
    }

    private static boolean isDirectory(Map<String, Object> a) {
        return ((int) a.get("mode") & S_IFMT) == S_IFDIR;
    }

    static String owner(Map<String, Object> a) {
        return a.get("owner") + " (uid " + a.get("uid") + ")";
    }

    /** Mode, owner and uid of {@code p} itself (a link is not followed); null when nothing is there. */
    private static Map<String, Object> attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, "unix:mode,uid,owner", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
