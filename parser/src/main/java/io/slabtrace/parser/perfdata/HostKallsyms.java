package io.slabtrace.parser.perfdata;

import io.slabtrace.parser.ringbuffer.Kallsyms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names for a perf.data's call sites, which the file does not hold (perf kmem names them from the running kernel's
 * kallsyms at report time): this host's {@code /proc/kallsyms}, when it runs the release the file was recorded on,
 * moved by the difference between the two boots' {@code _text} (tools/perf/util/machine.c: the kernel map's
 * ref_reloc_sym). Anything else leaves the call sites as addresses, as {@code perf kmem --raw-ip} prints them.
 */
final class HostKallsyms {
    private HostKallsyms() {
    }

    /** This host's symbols, read once a run: a replay reads a perf.data two or three times (peek, call sites, events). */
    private record Host(String release, Kallsyms symbols, long text) {
    }

    private static Host host;

    /** The relocated symbols, or null when the release differs, the symbols are hidden (kptr_restrict) or unreadable. */
    static Kallsyms forRecording(String release, long recordedText) {
        if (release == null || recordedText == 0) return null;
        Host h = host();
        return h == null || !h.release().equals(release) ? null : h.symbols().relocated(recordedText - h.text());
    }

    private static synchronized Host host() {
        if (host != null) return host;
        try {
            String release = Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.ISO_8859_1).strip();
            Kallsyms now = Kallsyms.parse(Files.readAllBytes(Path.of("/proc/kallsyms")));
            long text = now.address("_text");
            if (!now.isEmpty() && text != 0) host = new Host(release, now, text);
        } catch (IOException | RuntimeException e) {
            // not Linux, no /proc, no permission: addresses it is
        }
        return host;
    }
}
