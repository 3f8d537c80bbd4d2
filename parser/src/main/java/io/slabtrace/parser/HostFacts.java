package io.slabtrace.parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a capture's geometry depends on but its files do not hold: CPU count, kernel release,
 * boot command line. Read from the live host, or from the notes saved beside a capture
 * ({@code guest-info.txt}, {@code params.txt}, a collection's {@code meta.json}). Null fields are unknown.
 */
public record HostFacts(Integer cpus, String release, String cmdline) {
    private static final Pattern RELEASE = Pattern.compile("(\\d+\\.\\d+[\\w.+~-]*)");

    public static final HostFacts UNKNOWN = new HostFacts(null, null, null);

    /** A CPU count no kernel can have (0, or past NR_CPUS) is not a fact: it is dropped, and the next source asked. */
    public HostFacts {
        if (cpus != null && (cpus < 1 || cpus > io.slabtrace.model.layout.Machine.MAX_CPUS)) cpus = null;
    }

    /** This machine: {@code /sys/devices/system/cpu/present}, {@code /proc/sys/kernel/osrelease}, {@code /proc/cmdline}. */
    public static HostFacts live() {
        return new HostFacts(liveCpus(), liveRelease(), liveFile("/proc/cmdline"));
    }

    /** This machine's present CPUs, or null off Linux. */
    public static Integer liveCpus() {
        try {
            return listed(Files.readString(Path.of("/sys/devices/system/cpu/present")).strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** This machine's kernel release, or null off Linux. */
    public static String liveRelease() {
        return liveFile("/proc/sys/kernel/osrelease");
    }

    private static String liveFile(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            return null; // not Linux
        }
    }

    /** What an input says of its machine: a file's captured facts ({@link #near}); none for standard input ("-"). */
    public static HostFacts of(String input) {
        return input.equals("-") ? UNKNOWN : near(Path.of(input));
    }

    /** Notes next to a capture file or inside a capture directory; UNKNOWN when there are none. */
    public static HostFacts near(Path capture) {
        Path dir = Files.isDirectory(capture) ? capture : capture.toAbsolutePath().getParent();
        if (dir == null) return UNKNOWN;
        Integer cpus = null;
        String release = null, cmdline = null;
        for (String note : new String[] {"guest-info.txt", "params.txt", "meta.json"}) {
            Path f = dir.resolve(note);
            if (!Files.isRegularFile(f)) continue;
            try {
                for (String line : Files.readAllLines(f)) {
                    String l = line.strip();
                    if (cpus == null && l.startsWith("online_cpus:")) cpus = listed(l.substring(12).strip());
                    if (cpus == null && (l.startsWith("nproc:") || l.startsWith("smp:"))) cpus = Integer.valueOf(l.replaceAll("\\D", ""));
                    if (release == null && (l.startsWith("uname:") || l.startsWith("kernel_uname:"))) release = releaseIn(l);
                    if (cmdline == null && (l.startsWith("cmdline:") || l.startsWith("boot_args:"))) cmdline = l.substring(l.indexOf(':') + 1).strip();
                    if (l.startsWith("\"cpus\"")) cpus = Integer.valueOf(l.replaceAll("\\D", ""));
                    if (l.startsWith("\"kernel_release\"")) release = l.replaceAll(".*:\\s*\"([^\"]*)\".*", "$1");
                }
            } catch (IOException | RuntimeException e) { // NumberFormatException, or undecodable bytes (UncheckedIOException)
                // notes are optional
            }
        }
        return new HostFacts(cpus, release, cmdline);
    }

    private static String releaseIn(String unameLine) {
        // "uname: Linux (none) 6.1.0-56-amd64 #1 SMP ..." -> 6.1.0-56-amd64
        for (String word : unameLine.split("\\s+")) {
            Matcher m = RELEASE.matcher(word);
            if (m.matches() && Character.isDigit(word.charAt(0))) return word;
        }
        return null;
    }

    /** How many a kernel range list names ({@code cpu/present}, {@code node/online}): "0-1,4,6-7" → 5. */
    public static int listed(String list) {
        int n = 0;
        for (String part : list.split(",")) {
            if (part.isBlank()) continue;
            String[] r = part.split("-");
            n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
        }
        return n;
    }
}
