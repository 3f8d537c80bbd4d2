package io.slabtrace.cli.collect;

import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.output.RunningUser;
import io.slabtrace.cli.output.SafeDir;
import io.slabtrace.cli.output.TrustedPath;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;

/**
 * The collection directory is collect's own or refused. collect makes a new one itself (0750 before
 * the umask); an existing one is taken only when the running user owns it, nobody else may write to
 * it, and it is empty, or, with {@code --resume}, holds a collection of plain files of that user.
 * Every check reads the held descriptor, not the path, so what is checked is what gets written to.
 */
public final class PrivateDir {
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwxr-x---");
    static final String LOG = "slabinfo.log", META = "meta.json";
    private static final String NEW_PATH = "choose a new path, which collect creates itself (such as /var/lib/slabtrace/NAME)";

    private PrivateDir() {
    }

    /** A new collection in {@code dir}: made here, or an empty directory of the running user's that only it can write to. */
    public static SafeDir create(Path dir) throws IOException {
        Path real = TrustedPath.resolve(dir);
        if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            SafeDir d = ours(dir, real);
            try {
                List<String> names = d.names();
                if (names.contains(LOG) || names.contains(META)) {
                    throw new UserError(dir + " already holds a collection: choose a new path, or add --resume to continue it");
                }
                if (!names.isEmpty()) throw new UserError(dir + " is not empty: " + NEW_PATH);
                return d;
            } catch (IOException | RuntimeException e) {
                d.close();
                throw e;
            }
        }
        Files.createDirectories(real.getParent());
        TrustedPath.check(real.getParent()); // parents made just now are checked as the ones that were there
        try {
            Files.createDirectory(real, PosixFilePermissions.asFileAttribute(MODE));
        } catch (FileAlreadyExistsException e) {
            throw new UserError(dir + " appeared while collect was creating it: " + NEW_PATH);
        }
        SafeDir d = ours(dir, real);
        try { // someone who may rename in the parent could have put another directory in its place: the one made is empty
            if (!d.names().isEmpty()) throw new UserError(dir + " was replaced while collect was creating it: " + NEW_PATH);
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** The collection collect made earlier in {@code dir}, checked as a new one is, with its files. */
    public static SafeDir resume(Path dir) throws IOException {
        Path real = TrustedPath.resolve(dir);
        if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError(dir + " does not exist, so there is no collection to --resume: drop --resume to start one there");
        }
        SafeDir d = ours(dir, real);
        try {
            for (String name : List.of(LOG, META)) {
                PosixFileAttributes f = d.attributes(name);
                if (f == null) {
                    throw new UserError(dir + " holds no collection to --resume (no " + name + "): give the directory collect made, or drop --resume");
                }
                if (!f.isRegularFile() || !f.owner().equals(RunningUser.principal())) {
                    throw new UserError(dir.resolve(name) + " is not a file collect made (" + what(f) + "): refusing to --resume; " + NEW_PATH);
                }
            }
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** A directory inside the collection ({@code sysfs/}): made when missing, else checked as the collection is. */
    static SafeDir subdirectory(SafeDir parent, String name) throws IOException {
        PosixFileAttributes a = parent.attributes(name);
        if (a == null) {
            try { // by path (Java has no mkdirat); the open below goes through the held descriptor and checks what it finds
                Files.createDirectory(parent.path().resolve(name), PosixFilePermissions.asFileAttribute(MODE));
            } catch (FileAlreadyExistsException e) {
                // checked below like any existing one
            }
            a = parent.attributes(name);
        }
        if (a == null || !a.isDirectory()) {
            throw new UserError(parent.path().resolve(name) + " is not a directory collect made (" + what(a) + "): " + NEW_PATH);
        }
        SafeDir d = parent.subdirectory(name);
        try {
            refuseOthers(parent.path().resolve(name), d.attributes());
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private static SafeDir ours(Path dir, Path real) throws IOException {
        SafeDir d;
        try {
            d = SafeDir.hold(real);
        } catch (IOException e) { // a link swapped in (ELOOP), a file, or gone: nothing collect made
            throw new UserError(dir + ": cannot open as a directory without following links (" + e.getMessage() + "): " + NEW_PATH);
        }
        try {
            refuseOthers(dir, d.attributes());
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private static void refuseOthers(Path dir, PosixFileAttributes a) {
        UserPrincipal me = RunningUser.principal();
        if (!a.owner().equals(me)) {
            throw new UserError(dir + " is owned by " + a.owner().getName() + ", not by " + me.getName() + ": refusing to collect into it; " + NEW_PATH);
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new UserError(dir + " can be written by other users (mode " + octal(p) + "): refusing to collect into it; " + NEW_PATH);
        }
    }

    private static String what(PosixFileAttributes a) {
        if (a == null) return "nothing there";
        String kind = a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory" : a.isRegularFile() ? "a file" : "a special file";
        return kind + " owned by " + a.owner().getName();
    }

    static String octal(Set<PosixFilePermission> p) {
        int m = 0;
        for (PosixFilePermission x : p) m |= 1 << (8 - x.ordinal()); // OWNER_READ is 0400 ... OTHERS_EXECUTE 0001
        return String.format("%04o", m);
    }
}
