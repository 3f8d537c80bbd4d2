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
 * syslog ({@code Nov 25 12:31:01 host kernel: text}, often with the printk time inside), or no prefix.
 */
public record KernelLogLine(long line, LogTime time, Integer level, String caller, String text) {
    private static final Pattern LEVEL = Pattern.compile("<(\\d{1,3})>");
    private static final Pattern KMSG = Pattern.compile("(\\d+),(\\d+),(\\d+),[^;]*;(.*)");
    private static final Pattern UPTIME = Pattern.compile("\\[\\s*(\\d+)\\.(\\d+)\\](?:\\[\\s*([TC]\\d+)\\])?\\s?(.*)");
    private static final Pattern HUMAN = Pattern.compile("\\[((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4})\\]\\s?(.*)");
    private static final Pattern SYSLOG = Pattern.compile("([A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T[\\d:.]+[+-]\\d{2}:?\\d{2}|\\d{2}:\\d{2}:\\d{2})(?: \\S+)? kernel: ?(.*)");
    private static final DateTimeFormatter HUMAN_FORMAT = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SYSLOG_FORMAT = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ENGLISH);

    /** Takes the prefix off; {@code year} and {@code zone} complete syslog times, which carry neither. */
    public static KernelLogLine parse(long lineNo, String raw, int year, ZoneId zone) {
        String s = raw.replace("\r", "");
        Integer level = null;
        Matcher m = KMSG.matcher(s);
        if (m.matches()) {
            double uptime = Long.parseLong(m.group(3)) / 1e6;
            return new KernelLogLine(lineNo, new LogTime(uptime, null), Integer.parseInt(m.group(1)) & 7, null, m.group(4));
        }
        Instant wall = null;
        m = SYSLOG.matcher(s);
        if (m.matches()) {
            wall = syslogTime(m.group(1), year, zone);
            s = m.group(2);
        }
        m = LEVEL.matcher(s);
        if (m.lookingAt()) {
            level = Integer.parseInt(m.group(1)) & 7;
            s = s.substring(m.end());
        }
        m = UPTIME.matcher(s);
        if (m.matches()) {
            double uptime = Double.parseDouble(m.group(1) + "." + m.group(2));
            return new KernelLogLine(lineNo, new LogTime(uptime, wall), level, m.group(3), m.group(4));
        }
        m = HUMAN.matcher(s);
        if (m.matches()) {
            try {
                Instant t = LocalDateTime.parse(m.group(1).replaceAll(" +", " "), HUMAN_FORMAT).atZone(zone).toInstant();
                return new KernelLogLine(lineNo, new LogTime(null, t), level, null, m.group(2));
            } catch (DateTimeParseException e) {
                // not a dmesg -T prefix after all
            }
        }
        return new KernelLogLine(lineNo, wall == null ? LogTime.NONE : new LogTime(null, wall), level, null, s);
    }

    private static Instant syslogTime(String text, int year, ZoneId zone) {
        try {
            if (text.length() == 8) return null; // time of day only: no date to anchor it
            if (Character.isDigit(text.charAt(0))) return java.time.OffsetDateTime.parse(text.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
            return LocalDateTime.parse(year + " " + text.replaceAll(" +", " "), SYSLOG_FORMAT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
