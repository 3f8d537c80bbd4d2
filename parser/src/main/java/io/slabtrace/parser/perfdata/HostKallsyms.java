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

    /**
     * This host's symbols, looked for once a run (a replay reads a perf.data two or three times: peek, call sites,
     * events), and only when the recording's release is this host's: a capture from another machine, the usual case,
     * costs a read of osrelease, not a parse of /proc/kallsyms. {@code symbols} null: none usable (kptr_restrict, no /proc).
     */
    private record Host(Kallsyms symbols, long text) {
    }

    private static String release;
    private static Host host;

    /** The relocated symbols, or null when the release differs, the symbols are hidden (kptr_restrict) or unreadable. */
    static Kallsyms forRecording(String recordedRelease, long recordedText) {
        if (recordedRelease == null || recordedText == 0 || !recordedRelease.equals(release())) return null;
        Host h = host();
        return h.symbols() == null ? null : h.symbols().relocated(recordedText - h.text());
    }

    private static synchronized String release() {
        if (release == null) {
            try {
                release = Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.ISO_8859_1).strip();
            } catch (IOException | RuntimeException e) {
                release = ""; // not Linux, no /proc: no recording matches
            }
        }
        return release;
    }

    private static synchronized Host host() {
        if (host != null) return host;
        try {
            Kallsyms now = Kallsyms.parse(Files.readAllBytes(Path.of("/proc/kallsyms")));
            long text = now.address("_text");
            host = !now.isEmpty() && text != 0 ? new Host(now, text) : new Host(null, 0);
        } catch (IOException | RuntimeException e) {
            host = new Host(null, 0); // no permission: addresses it is, and not asked again
        }
        return host;
    }
}
