package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelLog;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.SlabEvent;
import io.slabtrace.parser.Decimal;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputPart;
import io.slabtrace.parser.Inputs;
import io.slabtrace.parser.LineBytes;
import io.slabtrace.parser.TextLines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a kernel log — a whole console capture with other noise is fine: lines that match
 * nothing are ignored, not errors — into module events and kernel reports.
 */
public final class KernelLogReader {
    private static final Pattern PREFIX = Pattern.compile("(?<prefix>[\\w.-]+): (?<rest>.*)");
    private static final Pattern CREATED = Pattern.compile(".*?\\b(?:slab )?cache\\s*\\[?(?<name>[\\w.:-]+)\\]?\\s+created\\b(?:.*?obj_size\\s*=\\s*(?<size>\\d+))?(?:.*?align\\s*=\\s*(?<align>\\d+))?.*");
    private static final Pattern CREATED_CALL = Pattern.compile(".*\\bkmem_cache_create\\(\\s*\"?(?<name>[\\w.:-]+)\"?\\s*,\\s*(?<size>\\d+)(?:\\s*,\\s*(?<align>\\d+))?.*");
    private static final Pattern FLAGS = Pattern.compile(".*\\bflags\\s*=\\s*[^(]*\\((?<flags>[^)]*)\\).*");
    private static final Pattern DESTROYED = Pattern.compile(".*\\b(?:cache destroyed|destroyed cache|kmem_cache_destroy(?:ed)?)\\b.*");
    private static final Pattern INIT = Pattern.compile(".*\\b(?:module init|init module|module loaded)\\b.*");
    private static final Pattern EXIT = Pattern.compile(".*\\b(?:module exit|exit:|module unload(?:ed|ing)?)\\b.*");

    private final EventPatterns patterns;
    private final ZoneId zone;
    private final int year;

    public KernelLogReader(EventPatterns patterns, ZoneId zone, int year) {
        this.patterns = patterns;
        this.zone = zone;
        this.year = year;
    }

    public KernelLogReader() {
        this(EventPatterns.DEFAULT, ZoneId.systemDefault(), Year.now().getValue());
    }

    public KernelLog read(String spec) throws InputException {
        List<KernelLogLine> lines = new ArrayList<>();
        List<InputPart> parts = Inputs.resolve(spec);
        long n = 0;
        long cut = 0;
        List<String> overlong = new ArrayList<>();
        for (InputPart part : parts) {
            try (InputStream in = Inputs.openText(part)) {
                TextLines r = new TextLines(in, StandardCharsets.UTF_8);
                String line;
                while ((line = r.readLine()) != null) {
                    if (r.overlong() > 0) {
                        overlong.add(part.name() + ":" + (n + 1) + ": " + LineBytes.overlong(r.overlong()));
                    } else if (line.length() > KernelLogLine.MAX_CHARS) {
                        cut++;
                    }
                    lines.add(parse(++n, line, part.name(), overlong));
                }
            } catch (IOException e) {
                throw new InputException(part.name() + ": cannot read: " + e.getMessage(), e);
            }
        }
        boolean assumed = lines.stream().anyMatch(KernelLogLine::timeAssumed);
        lines = LineJoiner.join(lines);
        BitSet used = new BitSet(lines.size());
        List<KernelReport> reports = ReportScanner.scan(lines, used);
        List<SlabEvent> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (used.get(i)) continue;
            SlabEvent e = event(lines.get(i));
            if (e != null) candidates.add(e);
        }
        // A boot log says "allocated" and "module loaded" about many things: only messages from a
        // prefix that created a cache or ran a constructor are the module's own.
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (SlabEvent e : candidates) {
            if (e instanceof SlabEvent.CacheCreated || e instanceof SlabEvent.CtorCalled || !patterns.equals(EventPatterns.DEFAULT)) owners.add(e.at().prefix());
        }
        List<SlabEvent> events = candidates.stream().filter(e -> owners.contains(e.at().prefix())).toList();
        List<String> warnings = new ArrayList<>();
        if (assumed) {
            warnings.add(spec + ": wall-clock times without a year or zone (syslog, journalctl, dmesg -T, a fuzzer's log) were read as "
                    + year + " in " + zone + "; they may be off");
        }
        warnings.addAll(overlong);
        if (cut > 0) warnings.add(spec + ": " + cut + " line(s) longer than " + KernelLogLine.MAX_CHARS + " characters were read only that far");
        for (KernelReport r : reports) {
            if (r.facts().unparsed() > 0) {
                warnings.add(spec + ":" + r.firstLine() + ": " + r.facts().unparsed() + " line(s) inside this " + r.detector().name().toLowerCase(java.util.Locale.ROOT)
                        + " report were not understood (kept in its lines, not read)");
            }
        }
        return new KernelLog(spec, events, reports, bootFacts(lines), n, assumed, warnings);
    }

    /**
     * One line; a prefix whose time or number is out of range (month 13, {@code 2025-02-30T21:60}, a 20-digit
     * {@code /dev/kmsg} timestamp) is a warning, and the line is kept as text without a time.
     */
    private KernelLogLine parse(long n, String line, String source, List<String> warnings) {
        try {
            return KernelLogLine.parse(n, line, year, zone);
        } catch (java.time.DateTimeException | NumberFormatException | ArithmeticException e) {
            warnings.add(source + ":" + n + ": the line's time or number is out of range (" + e.getMessage() + "); read without a time");
            String text = line.length() > KernelLogLine.MAX_CHARS ? line.substring(0, KernelLogLine.MAX_CHARS) : line;
            return new KernelLogLine(n, io.slabtrace.model.log.LogTime.NONE, null, null, text, false, 0, false, 0);
        }
    }

    private static final Pattern VERSION = Pattern.compile(".*\\bLinux version (?<release>\\S+).*");
    private static final Pattern CMDLINE = Pattern.compile("(?:Kernel )?[Cc]ommand line: (?<cmdline>.*)");
    private static final Pattern SLUB_BANNER = Pattern.compile("SLUB: HWalign=\\d+, Order=\\d+-\\d+, MinObjects=\\d+, CPUs=(?<cpus>\\d+), Nodes=\\d+.*");

    static KernelLog.BootFacts bootFacts(List<KernelLogLine> lines) {
        String release = null, cmdline = null;
        Boolean slub = null;
        Integer cpus = null;
        for (KernelLogLine l : lines) {
            String t = l.text().strip();
            Matcher m;
            if (release == null && (m = VERSION.matcher(t)).matches()) release = m.group("release");
            else if (cmdline == null && (m = CMDLINE.matcher(t)).matches()) cmdline = m.group("cmdline");
            else if ((m = SLUB_BANNER.matcher(t)).matches()) {
                slub = true;
                cpus = Decimal.boxedInt(m.group("cpus"));
            }
        }
        // SLUB prints its banner early in every boot; a log that has the boot but no banner ran classic SLAB
        if (slub == null && release != null) slub = false;
        return new KernelLog.BootFacts(release, cmdline, slub, cpus);
    }

    static final int MAX_EVENT_CHARS = 1024;

    /** The module event a line reports, or null. */
    SlabEvent event(KernelLogLine l) {
        String text = l.text().strip();
        // a module's message is one short printk line: matching only its start keeps a log of long lines linear and quick
        if (text.length() > MAX_EVENT_CHARS) text = text.substring(0, MAX_EVENT_CHARS);
        Matcher p = PREFIX.matcher(text);
        String prefix = p.matches() ? p.group("prefix") : null;
        SlabEvent.At at = new SlabEvent.At(l.line(), l.time(), prefix);
        Matcher m;
        if ((m = patterns.ctor().matcher(text)).find()) return new SlabEvent.CtorCalled(at, ptr(m));
        if ((m = patterns.alloc().matcher(text)).find()) return new SlabEvent.Allocated(at, ptr(m));
        if ((m = patterns.free().matcher(text)).find()) return new SlabEvent.Freed(at, ptr(m));
        if ((m = CREATED.matcher(text)).matches() || (m = CREATED_CALL.matcher(text)).matches()) {
            return new SlabEvent.CacheCreated(at, m.group("name"), number(m, "size"), number(m, "align"), null);
        }
        if ((m = FLAGS.matcher(text)).matches() && text.contains("cache")) return new SlabEvent.CacheFlags(at, m.group("flags"));
        if (DESTROYED.matcher(text).matches()) return new SlabEvent.CacheDestroyed(at);
        if (INIT.matcher(text).matches()) return new SlabEvent.ModuleInit(at);
        if (EXIT.matcher(text).matches()) return new SlabEvent.ModuleExit(at);
        return null;
    }

    private static String ptr(Matcher m) {
        String p;
        try {
            p = m.group("ptr");
        } catch (IllegalArgumentException e) {
            return null;
        }
        return p == null ? null : p.toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", "");
    }

    private static int number(Matcher m, String group) {
        String v = m.group(group);
        return v == null ? -1 : (int) Decimal.parse(v, Integer.MAX_VALUE);
    }
}
