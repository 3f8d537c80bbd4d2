package io.slabtrace.parser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Tells a {@code /sys/kernel/slab} capture from {@code /proc/slabinfo} text by looking at it. */
public enum InputKind {
    SLABINFO, SYSFS;

    private static final Pattern DUMP = Pattern.compile("(?:.*?/sys/kernel/slab/|\\./)?[^/\\s]+/[a-z_0-9]+:.*");

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
        try (InputStream in = Inputs.openTextOrTar(InputPart.file(spec, p))) {
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            if (TarEntries.looksLikeTar(head)) return SYSFS;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (int i = 0; i < 20; ) {
                String line = r.readLine();
                if (line == null) break;
                if (line.isBlank() || line.startsWith("#")) continue;
                i++;
                return DUMP.matcher(line).matches() && !line.contains("slabdata") ? SYSFS : SLABINFO;
            }
            return SLABINFO;
        } catch (IOException e) {
            throw new InputException(spec + ": cannot read: " + e.getMessage(), e);
        }
    }
}
