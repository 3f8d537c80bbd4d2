package io.slabtrace.cli.collect;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Reads {@code /sys/kernel/slab} each tick for a dump of {@code ./cache/attribute:value} lines, as {@code grep -r .}
 * prints them, at the least cost the kernel allows. What the kernel changes (the counters) is read each tick through
 * a descriptor kept open: one positional read at offset 0 into a reused buffer, no open, no close (sysfs attributes
 * are seq_files, and {@code seq_read_iter} starts the show over when asked for offset 0: a fresh value each time).
 * What only a write can change (sizes, flags, the tunables) is read when the cache is found and again when inotify
 * says its directory was written to ({@code vfs_write} calls {@code fsnotify_modify}).
 * <p>
 * Each dump is a gzip file of two members: this tick's time, links and counters, then the other attributes,
 * compressed again only when one of them changes. Gzip readers read the members as one text ({@code zcat},
 * {@code GZIPInputStream}); the dump reader keys lines by cache and attribute, so each dump is still a whole capture
 * on its own, as before, in another line order.
 */
final class SysfsSampler implements Closeable {
    /**
     * Attributes the kernel sets when it creates the cache and changes afterwards only through their {@code _store},
     * if they have one (mm/slub.c): sizes and order ({@code calculate_sizes}), align and ctor ({@code kmem_cache_create}'s
     * arguments), the flags it was created with, usersize, sheaf_capacity, and the tunables root may write at any
     * moment ({@code min_partial}, {@code cpu_partial}, {@code remote_node_defrag_ratio}, {@code skip_kfence}; older
     * kernels let root write {@code order} and the debug flags too). Not among them, so read every tick:
     * {@code aliases} ({@code s->refcount - 1}: a {@code kmem_cache_create} merging into the cache, or a
     * {@code kmem_cache_destroy} of one merged, changes it with no write and no entry changing, for an alias's link
     * outlives it), the counters, the CONFIG_SLUB_STATS ones (writable, to clear them, and changed by the kernel) and
     * any attribute this list does not know. Where no inotify watch can be had, those of them whose mode has a write bit
     * are read every tick instead.
     */
    static final Set<String> SET_BY_STORE = Set.of("object_size", "slab_size", "align", "order", "objs_per_slab", "ctor",
            "hwcache_align", "reclaim_account", "destroy_by_rcu", "cache_dma", "poison", "red_zone", "store_user",
            "sanity_checks", "trace", "usersize", "sheaf_capacity", "min_partial", "cpu_partial",
            "remote_node_defrag_ratio", "skip_kfence");
    /** Their show prints nothing ({@code shrink_show}, {@code validate_show}): they exist to be written. */
    private static final Set<String> WRITE_ONLY = Set.of("shrink", "validate");
    /**
     * At most this many descriptors are kept open. Each costs the kernel a {@code seq_file} and, from its first read
     * on, a page in {@code kmalloc-cg-4k} ({@code seq_read_iter} keeps its buffer until the close): on this host
     * 236 caches × 8 counters hold about 8 MiB, which shows in the collection itself. Past the cap (a
     * CONFIG_SLUB_STATS kernel has some 50 counters per cache) the rest are opened and closed each tick; such a
     * reopened file is the new one of a cache made again under its name, so only a cache with a descriptor kept open
     * is seen to have been made again (ENODEV) when nothing else in the tree changed.
     */
    static final int MAX_KEPT = 4096;
    /** sysfs prints less than a page ({@code sysfs_kf_seq_show}); 64 KiB is the largest page. */
    private static final int VALUE_MAX = 1 << 16;

    private final Path root;
    private final File rootFile;
    private final int keep;
    private int kept;
    private String[] listed = {};
    private boolean rescan;
    private Map<String, Cache> caches = new TreeMap<>();
    private Attribute[] ticking = {}; // every cache's changing attributes, in the dump's order: the loop of each tick
    private final Map<WatchKey, Cache> watched = new HashMap<>();
    private WatchService watcher; // null when inotify cannot be had: the writable attributes are then read each tick
    private boolean watcherTried;
    private byte[] links = {};
    private byte[] setMember; // the attributes set by a store, every cache's, gzip-compressed; null after a change
    private final ByteBuffer value = ByteBuffer.allocateDirect(VALUE_MAX);
    private final byte[] scratch = new byte[VALUE_MAX];
    private final Lines text = new Lines();
    private final ByteArrayOutputStream dump = new ByteArrayOutputStream(1 << 16);

    /** A cache's directory: the attributes read each tick, and those set by a store with their lines as last read. */
    private static final class Cache {
        final List<Attribute> changing = new ArrayList<>();
        final List<Attribute> set = new ArrayList<>();
        byte[] setLines = {};
        WatchKey key; // null when not watched
        boolean gone; // a read failed: the directory went away, or was made again under the same name
    }

    private static final class Attribute {
        final Cache cache;
        final byte[] prefix; // "./cache/attribute:"
        final Path path;
        FileChannel channel; // null past the descriptor budget (opened for each read), and for attributes set by a store
        byte[] last; // aliases only: the value last read (empty before the first), to see a merge or a destroy

        Attribute(Cache cache, String name, Path path) {
            this.cache = cache;
            this.prefix = ("./" + name + "/" + path.getFileName() + ":").getBytes(StandardCharsets.UTF_8);
            this.path = path;
        }
    }

    /** Samples {@code root}, keeping up to {@link #keptBudget()} descriptors open and watching for writes. */
    SysfsSampler(Path root) {
        this(root, keptBudget(), true);
    }

    SysfsSampler(Path root, int keep, boolean watch) {
        this.root = root;
        this.rootFile = root.toFile();
        this.keep = keep;
        this.watcherTried = !watch;
    }

    /**
     * Descriptors this run may keep open: half of what the limit leaves (the JVM has raised the soft limit to the hard
     * one), for the trace's per-CPU files and the outputs need some, and at most {@link #MAX_KEPT}.
     */
    static int keptBudget() {
        long limit = 1024;
        String limits = HostInfo.read("/proc/self/limits");
        if (limits != null) {
            for (String line : limits.split("\n")) {
                if (!line.startsWith("Max open files")) continue;
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                try {
                    limit = soft.equals("unlimited") ? Long.MAX_VALUE / 2 : Long.parseLong(soft);
                } catch (NumberFormatException e) {
                    // a format this code does not know: the common default stands
                }
            }
        }
        String[] open = new File("/proc/self/fd").list();
        long left = limit - (open == null ? 64 : open.length);
        return (int) Math.max(0, Math.min(MAX_KEPT, left / 2));
    }

    /** Descriptors held open now. */
    int kept() {
        return kept;
    }

    /**
     * Reads this tick's counters, and what was written since the last tick. The tree is scanned again when its
     * entries change (a cache made or destroyed: a module loaded), when an {@code aliases} count moves (a merge
     * re-points a link with no entry changing: {@code sysfs_slab_alias} removes the link and makes it again), and at
     * the next tick after a read fails (the cache is gone, or was destroyed and made again between two ticks: its old
     * descriptors then fail with ENODEV).
     */
    void sample() throws IOException {
        String[] now = rootFile.list(); // names only: no Path, no stat per entry, in the kernel's stable order
        if (now == null) throw new NoSuchFileException(root.toString(), null, "cannot list the directory");
        if (rescan || !Arrays.equals(now, listed)) sync(now);
        readWritten();
        text.clear();
        boolean moved = false;
        for (Attribute a : ticking) {
            int n = read(a);
            if (n < 0) {
                a.cache.gone = true;
                rescan = true;
                continue;
            }
            if (a.last != null && !Arrays.equals(a.last, 0, a.last.length, scratch, 0, n)) {
                moved |= a.last.length > 0; // not the first read
                a.last = Arrays.copyOf(scratch, n);
            }
            text.add(a.prefix, scratch, n);
        }
        if (moved) sync(now); // the links this dump shows are read after the counts that moved
    }

    /** Reads again the attributes set by a store of each cache whose directory was written to since the last tick. */
    private void readWritten() {
        if (watcher == null) return;
        WatchKey k;
        while ((k = watcher.poll()) != null) {
            boolean overflow = false;
            for (WatchEvent<?> e : k.pollEvents()) overflow |= e.kind() == StandardWatchEventKinds.OVERFLOW;
            if (overflow) {
                for (Cache c : caches.values()) readSet(c); // events were lost: which directory is not known
            } else {
                Cache c = watched.get(k);
                if (c != null) readSet(c);
            }
            k.reset();
        }
    }

    private void readSet(Cache c) {
        Lines lines = new Lines();
        for (Attribute a : c.set) {
            int n = read(a);
            if (n >= 0) lines.add(a.prefix, scratch, n); // EIO or EACCES on a live tree, or the cache went away: no line
        }
        byte[] b = lines.bytes();
        if (!Arrays.equals(b, c.setLines)) {
            c.setLines = b;
            setMember = null;
        }
    }

    /** Writes the last sample as a gzip file: {@code firstLine}, the links and the counters, then the rest. */
    void writeTo(OutputStream out, String firstLine) throws IOException {
        if (setMember == null) {
            ByteArrayOutputStream member = new ByteArrayOutputStream();
            try (OutputStream gz = gzip(member)) {
                for (Cache c : caches.values()) gz.write(c.setLines);
            }
            setMember = member.toByteArray();
        }
        dump.reset(); // the whole file in one buffer, handed to the file in one write
        try (OutputStream gz = gzip(dump)) {
            gz.write((firstLine + "\n").getBytes(StandardCharsets.UTF_8));
            gz.write(links);
            text.writeTo(gz);
        }
        dump.write(setMember);
        dump.writeTo(out);
    }

    private static OutputStream gzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED); // every tick: CPU matters more than bytes
            }
        };
    }

    /**
     * One positional read at offset 0 of the whole value into {@link #scratch}; its length, or -1 when it failed. A read
     * that stops short of the buffer has reached the end ({@code seq_read_iter} fills the buffer while the show has
     * output left; a file's read stops short only at its end), so no second read is made to find the end: that would
     * be one more system call per attribute. A value past 64 KiB is cut there, as the dump reader cuts it.
     */
    private int read(Attribute a) {
        try {
            FileChannel ch = a.channel != null ? a.channel : FileChannel.open(a.path);
            try {
                value.clear();
                int n = Math.max(0, ch.read(value, 0));
                value.flip();
                value.get(scratch, 0, n);
                return n;
            } finally {
                if (a.channel == null) ch.close();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** Text built of {@code ./cache/attribute:value} lines, in a buffer grown as needed and reused. */
    private static final class Lines {
        private static final byte[] NEWLINE = {'\n'};
        private byte[] b = new byte[1 << 12];
        private int length;

        /** Appends each non-empty line of a value under its prefix, as grep prints a multi-line attribute. */
        void add(byte[] prefix, byte[] v, int n) {
            int start = 0;
            for (int i = 0; i <= n; i++) {
                if (i < n && v[i] != '\n') continue;
                if (i > start) {
                    put(prefix, 0, prefix.length);
                    put(v, start, i - start);
                    put(NEWLINE, 0, 1);
                }
                start = i + 1;
            }
        }

        private void put(byte[] src, int off, int len) {
            if (length + len > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, length + len));
            System.arraycopy(src, off, b, length, len);
            length += len;
        }

        void clear() {
            length = 0;
        }

        byte[] bytes() {
            return Arrays.copyOf(b, length);
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(b, 0, length);
        }
    }

    /** Closes the descriptors kept open and the watch. */
    @Override
    public void close() {
        for (Cache c : caches.values()) close(c);
        try {
            if (watcher != null) watcher.close();
        } catch (IOException e) {
            // closing an inotify descriptor does not fail in practice
        }
    }

    private void close(Cache c) {
        if (c.key != null) {
            c.key.cancel();
            watched.remove(c.key);
        }
        for (Attribute a : c.changing) {
            if (a.channel == null) continue;
            try {
                a.channel.close();
            } catch (IOException e) {
                // closing a sysfs file does not fail in practice
            }
            a.channel = null;
            kept--;
        }
    }

    /** Brings the caches in line with the entries listed: new and failed ones scanned, gone ones closed, links read again. */
    private void sync(String[] now) throws IOException {
        listed = now;
        rescan = false;
        Map<String, Cache> next = new TreeMap<>();
        StringBuilder linkLines = new StringBuilder();
        for (String name : new TreeSet<>(Arrays.asList(now))) {
            Path e = root.resolve(name);
            PosixFileAttributes attrs;
            try {
                attrs = Files.readAttributes(e, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isSymbolicLink()) {
                    linkLines.append("# link ").append(name).append(" -> ").append(Files.readSymbolicLink(e).getFileName()).append('\n');
                    continue;
                }
            } catch (IOException gone) {
                continue; // removed since the listing
            }
            if (!attrs.isDirectory()) continue;
            Cache c = caches.remove(name);
            if (c != null && c.gone) {
                close(c);
                c = null;
            }
            if (c == null) {
                c = scan(name, e);
                setMember = null;
            }
            next.put(name, c);
        }
        for (Cache c : caches.values()) { // destroyed
            close(c);
            setMember = null;
        }
        caches = next;
        ticking = next.values().stream().flatMap(c -> c.changing.stream()).toArray(Attribute[]::new);
        links = linkLines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Cache scan(String name, Path dir) throws IOException {
        Cache c = new Cache();
        c.key = watch(dir); // before the first read: a write after it is seen
        if (c.key != null) watched.put(c.key, c);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        } catch (NoSuchFileException gone) {
            files = List.of();
        }
        for (Path f : files) {
            String attribute = f.getFileName().toString();
            if (WRITE_ONLY.contains(attribute)) continue;
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException gone) {
                continue;
            }
            if (!a.isRegularFile()) continue;
            Attribute at = new Attribute(c, name, f);
            if (SET_BY_STORE.contains(attribute) && (c.key != null || !writable(a))) {
                c.set.add(at);
                continue;
            }
            if (kept < keep) {
                try {
                    at.channel = FileChannel.open(f);
                    kept++;
                } catch (IOException e) {
                    // out of descriptors after all (or gone): opened for each read instead
                }
            }
            if (attribute.equals("aliases")) at.last = new byte[0];
            c.changing.add(at);
        }
        readSet(c);
        return c;
    }

    private static boolean writable(PosixFileAttributes a) {
        Set<PosixFilePermission> p = a.permissions();
        return p.contains(PosixFilePermission.OWNER_WRITE) || p.contains(PosixFilePermission.GROUP_WRITE)
                || p.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** An inotify watch for writes into a cache's directory; null when there is none to be had (its limits). */
    private WatchKey watch(Path dir) {
        try {
            if (!watcherTried) {
                watcherTried = true;
                watcher = dir.getFileSystem().newWatchService();
            }
            return watcher == null ? null : dir.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            return null; // fs.inotify.max_user_watches or max_user_instances reached: writable attributes each tick
        }
    }
}
