package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.LogTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kernel log line with its prefix taken apart, whatever wrote it: {@code dmesg}
 * ({@code [ 25583.310331] text}, with CONFIG_PRINTK_CALLER {@code [    1.11][    T0] text}),
 * {@code dmesg -T} ({@code [Wed Nov 25 12:31:01 2026] text}), {@code dmesg -r}/syslog levels
 * ({@code <6>[...]}), {@code /dev/kmsg} records ({@code 6,1234,5678901,-;text}), journald and
 * syslog ({@code Nov 25 12:31:01 host kernel: text}, month names in the locale journalctl ran in,
 * often with the printk time inside; {@code journalctl -o short-monotonic}'s {@code [  1.2] host kernel: text}),
 * a fuzzer's {@code 2017/11/27 07:13:57 } prefix, an Android kmsg dump's {@code 04166 < 4> [ 36.17] [03-19 10:05:52.172] },
 * printk's {@code ** 93 printk messages dropped **} glued in front, or no prefix. Mail quoting
 * ({@code > }, {@code >> }, {@code > > } at any depth) is taken off first and its depth kept.
 *
 * @param timeAssumed the wall-clock time needed a year or a zone the line does not give
 * @param quoteDepth  how many mail quote markers the line had
 * @param trailingSpace the line (before its end) ended in white space: a format=flowed soft break in mail
 * @param dropped     the messages printk said it dropped right before this line (0 for none)
 */
public record KernelLogLine(long line, LogTime time, Integer level, String caller, String text, boolean timeAssumed,
                            int quoteDepth, boolean trailingSpace, long dropped) {
    /** Longer lines are cut here before any pattern sees them: no slab report line is near it, and it keeps matching linear. */
    static final int MAX_CHARS = 8192;
    private static final Pattern LEVEL = Pattern.compile("<(\\d{1,3})>");
    private static final Pattern KMSG = Pattern.compile("(\\d{1,3}),(\\d{1,20}),(\\d{1,20}),[^;]{0,64};(.*)");
    private static final Pattern UPTIME = Pattern.compile("\\[\\s{0,12}(\\d{1,10})\\.(\\d{1,9})\\](?:\\[\\s{0,12}([TC]\\d{1,10})\\])?\\s?(.*)");
    private static final Pattern HUMAN = Pattern.compile("\\[((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4})\\]\\s?(.*)");
    /** syslog / journalctl short formats; the month may be localised ("Mär", "févr.", "3月"). */
    private static final Pattern SYSLOG = Pattern.compile(
            "((?:\\p{L}{2,5}\\.?|\\d{1,2}月) {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?|\\d{4}-\\d{2}-\\d{2}T[\\d:.]{8,18}(?:[+-]\\d{2}:?\\d{2}|Z)|\\d{2}:\\d{2}:\\d{2})(?: [^\\s:]{1,64})? kernel: ?(.*)");
    /** journalctl -o short-monotonic: the uptime, then the host and "kernel:". */
    private static final Pattern HOST_KERNEL = Pattern.compile("[^\\s:]{1,64} kernel: ?(.*)");
    /** syz-manager's own log prefix (pkg/log): the kernel lines between are not prefixed. */
    private static final Pattern FUZZER = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) (.*)");
    /** printk's console_unlock: "** %lu printk messages dropped **", glued to the next record when the console was busy. */
    private static final Pattern DROPPED = Pattern.compile("\\*\\* (\\d{1,12}) printk messages dropped \\*\\*\\s?(.*)");
    /** An Android kmsg dump: sequence number in hex, then "< 4>" the level. */
    private static final Pattern ANDROID = Pattern.compile("[0-9A-Fa-f]{4,8} <\\s?(\\d)> (.*)");
    private static final Pattern ANDROID_WALL = Pattern.compile("\\[\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{1,6}\\] ?(.*)");
    private static final DateTimeFormatter HUMAN_FORMAT = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    /** Takes the prefix off; {@code year} and {@code zone} complete syslog times, which carry neither. */
    public static KernelLogLine parse(long lineNo, String raw, int year, ZoneId zone) {
        String s = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
        s = s.replace('\u00a0', ' ').replace("\r", "");
        boolean trailing = !s.isEmpty() && Character.isWhitespace(s.charAt(s.length() - 1));
        int depth = 0;
        int i = 0;
        // mail quoting: "> ", ">> ", "> > ", ">\t" at any depth
        while (true) {
            int j = i;
            while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t') && j - i < 4) j++;
            if (j < s.length() && s.charAt(j) == '>' && !isShadowMarker(s, j)) {
                depth++;
                i = j + 1;
                if (i < s.length() && s.charAt(i) == ' ') i++;
            } else {
                break;
            }
        }
        s = s.substring(i);
        String stripped = s.strip();
        long dropped = 0;
        Matcher m = DROPPED.matcher(stripped);
        if (m.matches()) {
            dropped = Long.parseLong(m.group(1));
            s = m.group(2);
            stripped = s.strip();
        }
        Integer level = null;
        m = KMSG.matcher(stripped);
        if (m.matches()) {
            double uptime = Long.parseLong(m.group(3)) / 1e6;
            return new KernelLogLine(lineNo, new LogTime(uptime, null), Integer.parseInt(m.group(1)) & 7, null, m.group(4), false, depth, trailing, dropped);
        }
        Instant wall = null;
        boolean assumed = false;
        m = FUZZER.matcher(stripped);
        if (m.matches()) {
            try {
                wall = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))).atZone(zone).toInstant();
                assumed = true; // the fuzzer writes local time without a zone
                stripped = m.group(7);
            } catch (java.time.DateTimeException e) {
                wall = null;
            }
        }
        m = SYSLOG.matcher(stripped);
        if (m.matches()) {
            Syslog t = syslogTime(m.group(1), year, zone);
            wall = t.time;
            assumed = t.assumed;
            stripped = m.group(2);
        }
        m = ANDROID.matcher(stripped);
        if (m.matches()) {
            level = Integer.parseInt(m.group(1)) & 7;
            stripped = m.group(2);
        }
        m = LEVEL.matcher(stripped);
        if (m.lookingAt()) {
            level = Integer.parseInt(m.group(1)) & 7;
            stripped = stripped.substring(m.end());
        }
        m = UPTIME.matcher(stripped);
        if (m.matches()) {
            double uptime = Double.parseDouble(m.group(1) + "." + m.group(2));
            String text = m.group(4);
            Matcher a = ANDROID_WALL.matcher(text);
            if (a.matches()) text = a.group(1);
            if (wall == null) {
                Matcher h = HOST_KERNEL.matcher(text);
                if (h.matches()) text = h.group(1);
            }
            return new KernelLogLine(lineNo, new LogTime(uptime, wall), level, m.group(3), text, assumed, depth, trailing, dropped);
        }
        m = HUMAN.matcher(stripped);
        if (m.matches()) {
            try {
                Instant t = LocalDateTime.parse(m.group(1).replaceAll(" +", " "), HUMAN_FORMAT).atZone(zone).toInstant();
                // dmesg -T prints local time without a zone
                return new KernelLogLine(lineNo, new LogTime(null, t), level, null, m.group(2), true, depth, trailing, dropped);
            } catch (DateTimeParseException e) {
                // not a dmesg -T prefix after all
            }
        }
        String text = stripped.equals(s.strip()) ? s : stripped; // no prefix taken: keep the indentation, continuations show by it
        return new KernelLogLine(lineNo, wall == null ? LogTime.NONE : new LogTime(null, wall), level, null, text, assumed, depth, trailing, dropped);
    }

    /** The line carried a time or a printk caller id: it began a kernel record, it is not a wrapped tail. */
    public boolean prefixed() {
        return time.known() || caller != null || level != null;
    }

    /**
     * KASAN's shadow dump marks the row of the bad address with '>' in the first column
     * ({@code >ffff8801f44ec300: 00 00}): a quote marker is followed by a space, another marker or the end.
     */
    private static boolean isShadowMarker(String s, int at) {
        int k = at + 1;
        if (k < s.length() && s.charAt(k) == ' ') k++;
        int hex = 0;
        while (k < s.length() && hex < 17 && Character.digit(s.charAt(k), 16) >= 0) {
            k++;
            hex++;
        }
        return hex >= 8 && k < s.length() && s.charAt(k) == ':' && s.indexOf(": ", k) == k && looksLikeShadowRow(s, k);
    }

    private static boolean looksLikeShadowRow(String s, int colon) {
        // "ffff...: 00 00 fc fc" — shadow bytes follow; a quoted line would carry a timestamp or text instead
        String rest = s.substring(colon + 1).strip();
        return rest.length() >= 2 && Character.digit(rest.charAt(0), 16) >= 0 && Character.digit(rest.charAt(1), 16) >= 0
                && (rest.length() == 2 || rest.charAt(2) == ' ');
    }

    private record Syslog(Instant time, boolean assumed) {
    }

    private static Syslog syslogTime(String text, int year, ZoneId zone) {
        try {
            if (text.length() == 8 && text.charAt(2) == ':') return new Syslog(null, false); // time of day only: no date to anchor it
            if (Character.isDigit(text.charAt(0)) && text.length() > 10 && text.charAt(4) == '-') {
                String iso = text.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2");
                return new Syslog(java.time.OffsetDateTime.parse(iso).toInstant(), false);
            }
            String[] parts = text.trim().split(" +");
            Integer month = Months.of(parts[0]);
            if (month == null) return new Syslog(null, false);
            String[] hms = parts[2].split("[:.]");
            LocalDateTime t = LocalDateTime.of(year, month, Integer.parseInt(parts[1]), Integer.parseInt(hms[0]),
                    Integer.parseInt(hms[1]), Integer.parseInt(hms[2]));
            return new Syslog(t.atZone(zone).toInstant(), true); // syslog gives neither year nor zone
        } catch (RuntimeException e) {
            return new Syslog(null, false);
        }
    }
}
