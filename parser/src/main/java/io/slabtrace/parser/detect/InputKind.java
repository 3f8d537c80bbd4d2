package io.slabtrace.parser.detect;

import io.slabtrace.parser.BinaryFormats;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputPart;
import io.slabtrace.parser.Inputs;
import io.slabtrace.parser.TarEntries;
import io.slabtrace.parser.TextLines;
import io.slabtrace.parser.kernellog.EventPatterns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Tells a {@code /sys/kernel/slab} capture from {@code /proc/slabinfo} text by looking at it. */
public enum InputKind {
    SLABINFO, SYSFS, DMESG, KMEM_TRACE;

    /** A kmem tracepoint as ftrace, trace-cmd and perf print it. */
    private static final Pattern TRACE_EVENT = Pattern.compile("(?:^|[\\s:])(?:kmem_cache_alloc|kmem_cache_free|kmalloc|kfree)(?:_node)?:\\s");
    /** A kernel log line: dmesg's [seconds], /dev/kmsg's priority, syslog's "kernel:", or the kernel's own report lines. */
    private static final Pattern KERNEL_LOG = Pattern.compile("^\\s*(?:<\\d+>)?\\[\\s*\\d+\\.\\d+\\]|^\\d+,\\d+,\\d+,|\\skernel:\\s"
            + "|^(?:BUG [\\w.-]+ \\(|Call Trace:|Linux version \\d|SLUB: Unable to allocate|slab error in )|page allocation failure");
    private static final int SNIFF_LINES = 200;
    private static final int SNIFF_CHARS = 4096;

    private static final Pattern DUMP = Pattern.compile("(?:.*?/sys/kernel/slab/|\\./)?[^/\\s]+/[a-z_0-9]+:.*");

    private static byte[] head(Path p) throws InputException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(16);
        } catch (IOException e) {
            throw new InputException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static InputKind detect(String spec) throws InputException {
        if (spec.equals("-")) return SLABINFO;
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            if (Files.isRegularFile(p.resolve("slabinfo.log"))) return SLABINFO; // a collection
            if (Files.isRegularFile(p.resolve("object_size"))) return SYSFS;
            try (Stream<Path> s = Files.list(p)) {
                return s.anyMatch(d -> Files.isRegularFile(d.resolve("object_size"))) ? SYSFS : SLABINFO;
            } catch (IOException e) {
                throw new InputException(spec + ": cannot list directory: " + e.getMessage(), e);
            }
        }
        if (!Files.exists(p)) throw new InputException(spec + ": no such file or directory");
        if (Files.isRegularFile(p) && BinaryFormats.isKmemTrace(head(p))) return KMEM_TRACE; // trace.dat, perf.data
        try (InputStream in = Inputs.openTextOrTar(InputPart.file(spec, p))) {
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            if (TarEntries.looksLikeTar(head)) return SYSFS;
            TextLines r = new TextLines(in, StandardCharsets.UTF_8);
            boolean first = true, kernelLog = false;
            for (int i = 0; i < SNIFF_LINES; i++) {
                String line = r.readLine();
                if (line == null) break;
                // no sniffed line is longer than any the kernel prints: the patterns below then cost linear time
                if (line.length() > SNIFF_CHARS) line = line.substring(0, SNIFF_CHARS);
                if (line.startsWith("slabinfo - version") || line.contains(": slabdata")) return SLABINFO;
                if (line.isBlank() || line.startsWith("#")) continue;
                if (first && DUMP.matcher(line).matches()) return SYSFS;
                first = false;
                if (TRACE_EVENT.matcher(line).find()) return KMEM_TRACE;
                kernelLog |= KERNEL_LOG.matcher(line).find() || EventPatterns.DEFAULT.ctor().matcher(line).find()
                        || EventPatterns.DEFAULT.alloc().matcher(line).find();
            }
            return kernelLog ? DMESG : SLABINFO;
        } catch (IOException e) {
            throw new InputException(spec + ": cannot read: " + e.getMessage(), e);
        }
    }
}
