package io.slabtrace.model.log;

import java.time.Instant;
import java.util.Locale;

/**
 * When a kernel log line was written: seconds since boot (printk's {@code [%5lu.%06lu]}, or the
 * microseconds of a {@code /dev/kmsg} record), wall-clock time ({@code dmesg -T}, journald,
 * syslog), both, or neither.
 */
public record LogTime(Double uptime, Instant wall) {
    public static final LogTime NONE = new LogTime(null, null);

    public boolean known() {
        return uptime != null || wall != null;
    }

    /** Seconds between two times of the same kind, or null when they cannot be compared. */
    public Double secondsSince(LogTime earlier) {
        if (uptime != null && earlier.uptime != null) return uptime - earlier.uptime;
        if (wall != null && earlier.wall != null) return (wall.toEpochMilli() - earlier.wall.toEpochMilli()) / 1000.0;
        return null;
    }

    @Override
    public String toString() {
        if (uptime != null) return String.format(Locale.ROOT, "%.6f", uptime);
        return wall != null ? wall.toString() : "-";
    }
}
