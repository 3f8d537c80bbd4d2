package io.slabtrace.parser.slabinfo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the timestamp lines people put between snapshots when they log by hand
 * ({@code while :; do date; cat /proc/slabinfo; sleep 5; done}): what {@code date} prints by
 * default, {@code date +%s}, {@code date +%s.%N}, {@code date -Iseconds}/{@code -Ins} and
 * {@code %Y-%m-%d %H:%M:%S[.%N]}. Times without a zone are read in the zone given, or this machine's.
 */
public final class TimestampLine {

    /** What {@link #parse} returns for a line shaped as a timestamp that names no real time ({@code 2025-02-30T21:60}). */
    public static final Instant INVALID = Instant.MIN;

    private ZoneId localZone;

    /** {@code localZone} null: this machine's, looked up at the first time without a zone (it loads the zone database). */
    public TimestampLine(ZoneId localZone) {
        this.localZone = localZone;
    }

    private ZoneId localZone() {
        if (localZone == null) localZone = ZoneId.systemDefault(); // the same value whichever thread looks first
        return localZone;
    }

    /** Cheap test before the real parse: timestamp lines start with a digit or a weekday and carry no slabinfo sections. */
    static boolean mayBeTimestamp(String line) {
        if (line.isEmpty() || line.length() > 64) return false;
        char c = line.charAt(0);
        return Character.isDigit(c) || (c >= 'F' && c <= 'W' && line.length() > 3 && line.charAt(3) == ' ');
    }

    /** The instant a line names, or null when it is not a timestamp line. */
    public Instant parse(String raw) {
        String line = raw.strip();
        if (!mayBeTimestamp(line)) return null;
        Instant epoch = epoch(line);
        if (epoch != null) return epoch;
        Matcher m = Shapes.ISO.matcher(line);
        if (m.matches()) {
            try {
                return iso(m);
            } catch (java.time.DateTimeException e) {
                return INVALID;
            }
        }
        if (Shapes.WEEKDAY.matcher(line).matches()) return dateDefault(line.replaceAll("\\s+", " "));
        return null;
    }

    /**
     * {@code date +%s[.%N]}: 9 to 11 digits of seconds, then {@code .} or {@code ,} and 1 to 9 digits of fraction; null for
     * any other line. Read by hand: it stamps every snapshot of the collectors' loops, and a regular expression took a
     * fifth of a long series' non-row lines.
     */
    private static Instant epoch(String line) {
        int n = line.length(), i = 0;
        long seconds = 0;
        for (char c; i < n && (c = line.charAt(i)) >= '0' && c <= '9'; i++) seconds = seconds * 10 + (c - '0');
        if (i < 9 || i > 11) return null;
        if (i == n) return Instant.ofEpochSecond(seconds);
        char dot = line.charAt(i);
        if (dot != '.' && dot != ',') return null;
        int nanos = 0, digits = 0;
        for (char c; ++i < n; digits++) {
            if ((c = line.charAt(i)) < '0' || c > '9' || digits == 9) return null;
            nanos = nanos * 10 + (c - '0');
        }
        if (digits == 0) return null;
        for (int k = digits; k < 9; k++) nanos *= 10;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private Instant iso(Matcher m) {
        String time = m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2);
        LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + time).withNano(nanos(m.group(3)));
        String zone = m.group(4);
        if (zone == null) return local.atZone(localZone()).toInstant();
        if (zone.equals("Z")) return local.toInstant(java.time.ZoneOffset.UTC);
        String offset = zone.length() == 3 ? zone + ":00" : zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
        return OffsetDateTime.parse(local + offset).toInstant();
    }

    private static Instant dateDefault(String line) {
        for (DateTimeFormatter f : DateDefaults.ALL) {
            try {
                return ZonedDateTime.parse(line, f).toInstant();
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        return null;
    }

    private static int nanos(String fraction) {
        if (fraction == null) return 0;
        StringBuilder s = new StringBuilder(fraction);
        while (s.length() < 9) s.append('0');
        return Integer.parseInt(s.toString());
    }

    /** The shapes of a timestamp line, compiled on first use: a /proc/slabinfo read live has no timestamp line. */
    private static final class Shapes {
        static final Pattern ISO = Pattern.compile(
                "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2})?)(?:[.,](\\d{1,9}))?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");
        static final Pattern WEEKDAY = Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\b.*");
    }

    /** date(1)'s default formats, built on first use: four formatters cost a cold run of a plain slabinfo file about 5 ms. */
    private static final class DateDefaults {
        static final List<DateTimeFormatter> ALL = List.of(
                // C locale: "Wed Nov 25 12:31:01 UTC 2026"
                DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ENGLISH),
                // en_US with coreutils 9: "Wed Nov 25 12:31:01 PM UTC 2026"
                DateTimeFormatter.ofPattern("EEE MMM d hh:mm:ss a zzz yyyy", Locale.ENGLISH),
                // en_GB and friends: "Wed 25 Nov 2026 12:31:01 UTC" / "... 12:31:01 PM UTC"
                DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH),
                DateTimeFormatter.ofPattern("EEE d MMM yyyy hh:mm:ss a zzz", Locale.ENGLISH));
    }
}
