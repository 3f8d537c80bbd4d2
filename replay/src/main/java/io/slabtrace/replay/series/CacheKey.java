package io.slabtrace.replay.series;

/**
 * Identifies a cache across snapshots: its name, and which of the same-named lines it is
 * (the kernel allows two caches with one name; {@code occurrence} is 0 for the first).
 */
public record CacheKey(String name, int occurrence) {
}
