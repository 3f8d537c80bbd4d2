package io.slabtrace.cli.output;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The one way slabtrace writes files: inside a directory held open by its descriptor, every file is
 * created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW, relative to that descriptor), so a symbolic link
 * or a file someone planted under the name is never opened, truncated or appended to. A whole file
 * goes to a temporary name nobody can predict and is then renamed over its name: the rename replaces
 * a planted link itself, never what it points to.
 */
public final class SafeDir implements Closeable {
    /** Files of a collection: 0640 before the umask (the collection is root's business and its group's). */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-r-----");
    /** Reports, charts, metrics: 0666 before the umask, as any new file (others read them: browsers, node_exporter). */
    public static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-rw-rw-");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** Writes a whole file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path path; // for messages: every operation goes through the descriptor
    private final SecureDirectoryStream<Path> fd;

    private SafeDir(Path path, SecureDirectoryStream<Path> fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens an existing directory for writing into, after {@link TrustedPath#check} of every
     * directory on the way to it; {@code create} makes it (and its missing parents) first.
     */
    public static SafeDir open(Path dir, boolean create) throws IOException {
        Path real = TrustedPath.check(dir);
        if (create && !Files.isDirectory(real, NOFOLLOW)) {
            Files.createDirectories(real);
            real = TrustedPath.check(dir); // what was created is checked as what was there
        }
        return hold(real);
    }

    /** Holds {@code real} (a path {@link TrustedPath} resolved: no link in it) open by its descriptor. */
    public static SafeDir hold(Path real) throws IOException {
        Path parent = real.getParent();
        if (parent == null) return of(real, Files.newDirectoryStream(real));
        // the last name is opened relative to its parent without following a link, so a link swapped in after the check is refused
        try (SafeDir up = of(parent, Files.newDirectoryStream(parent))) {
            return up.subdirectory(real.getFileName().toString());
        }
    }

    private static SafeDir of(Path path, DirectoryStream<Path> s) throws IOException {
        if (s instanceof SecureDirectoryStream<Path> secure) return new SafeDir(path, secure);
        s.close();
        throw new IOException(path + ": this system cannot open files relative to a directory (openat), which writing safely needs");
    }

    /** An existing directory in this one, opened without following a link. */
    public SafeDir subdirectory(String name) throws IOException {
        return new SafeDir(path.resolve(name), fd.newDirectoryStream(Path.of(name), NOFOLLOW));
    }

    public Path path() {
        return path;
    }

    /** This directory's owner, mode and identity, read from its descriptor (fstat), not its path. */
    public PosixFileAttributes attributes() throws IOException {
        return fd.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
    }

    /** What {@code name} in this directory is, without following a link (fstatat); null when there is nothing. */
    public PosixFileAttributes attributes(String name) throws IOException {
        try {
            return fd.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The names in this directory (a fresh listing each call; the held descriptor is not consumed). */
    public List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = fd.newDirectoryStream(Path.of("."), NOFOLLOW)) {
            for (Path p : s) out.add(p.getFileName().toString());
        }
        return out;
    }

    /** A new file, created here exclusively: fails if anything (a link included) has the name. */
    public FileChannel createNew(String name, Set<PosixFilePermission> mode) throws IOException {
        return open(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW), mode);
    }

    /** As {@link #createNew}, and readable too: a scratch file this process reads back (copies) before removing it. */
    public FileChannel createScratch(String name, Set<PosixFilePermission> mode) throws IOException {
        return open(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE, NOFOLLOW), mode);
    }

    /** An existing regular file, for appending; a link under the name is not followed (ELOOP). */
    public FileChannel append(String name) throws IOException {
        return open(name, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND, NOFOLLOW), PRIVATE);
    }

    /** Writes {@code name} whole: to an unpredictable temporary name, created exclusively, then renamed over it. */
    public void replace(String name, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        replace(name, mode, out -> out.write(bytes));
    }

    /** Writes a whole file through its channel: for bodies that copy from other files in the kernel (transferTo). */
    @FunctionalInterface
    public interface ChannelBody {
        void writeTo(FileChannel out) throws IOException;
    }

    /** As {@link #replace(String, byte[], Set)}, with the bytes from {@code body}; returns how many were written. */
    public long replace(String name, Set<PosixFilePermission> mode, Body body) throws IOException {
        long[] count = {0};
        replaceThrough(name, mode, ch -> {
            Counting out = new Counting(Channels.newOutputStream(ch));
            try (out) {
                body.writeTo(out);
            }
            count[0] = out.count;
        });
        return count[0];
    }

    /** As {@link #replace(String, Set, Body)}, the body writing to the file's channel; returns the file's size. */
    public long replaceThrough(String name, Set<PosixFilePermission> mode, ChannelBody body) throws IOException {
        String tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            byte[] r = new byte[8];
            RANDOM.nextBytes(r);
            tmp = "." + name + "." + HexFormat.of().formatHex(r) + ".tmp";
            try {
                ch = createNew(tmp, mode);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) throw e; // 64 random bits colliding ten times: something is wrong, say so
            }
        }
        try {
            long size;
            try (FileChannel out = ch) {
                body.writeTo(out);
                size = out.isOpen() ? out.size() : -1;
            }
            try {
                fd.move(Path.of(tmp), fd, Path.of(name)); // renameat(2): atomic, replaces a link rather than following it
            } catch (FileSystemException e) {
                throw located(e, name);
            }
            return size;
        } catch (IOException | RuntimeException e) {
            try {
                fd.deleteFile(Path.of(tmp));
            } catch (IOException gone) {
                // renamed already, or never written
            }
            throw e;
        }
    }

    /** Removes {@code name} (a file, or an empty directory) from this directory, if it is there. */
    public void delete(String name) throws IOException {
        PosixFileAttributes a = attributes(name);
        if (a == null) return;
        if (a.isDirectory()) fd.deleteDirectory(Path.of(name));
        else fd.deleteFile(Path.of(name));
    }

    private FileChannel open(String name, Set<OpenOption> options, Set<PosixFilePermission> mode) throws IOException {
        FileAttribute<Set<PosixFilePermission>> perms = PosixFilePermissions.asFileAttribute(mode);
        SeekableByteChannel ch;
        try {
            ch = fd.newByteChannel(Path.of(name), options, perms); // the mode is narrowed by the umask
        } catch (FileSystemException e) {
            throw located(e, name);
        }
        if (ch instanceof FileChannel f) return f;
        ch.close();
        throw new IOException(path.resolve(name) + ": not a file channel");
    }

    /** The same failure naming the whole path: relative to a descriptor, Java names only {@code name}. */
    private FileSystemException located(FileSystemException e, String name) {
        String file = path.resolve(name).toString();
        FileSystemException out = e instanceof FileAlreadyExistsException ? new FileAlreadyExistsException(file, null, e.getReason())
                : e instanceof NoSuchFileException ? new NoSuchFileException(file, null, e.getReason())
                : new FileSystemException(file, null, e.getReason());
        out.initCause(e);
        return out;
    }

    @Override
    public void close() throws IOException {
        fd.close();
    }

    /** Counts what a body wrote, which may close the stream (a gzip trailer) before the size could be asked. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
