package io.slabtrace.replay.series;

/**
 * Identifies a cache across snapshots: its name, and which of the same-named lines it is
 * (the kernel allows two caches with one name; {@code occurrence} is 0 for the first).
 */
public record CacheKey(String name, int occurrence) {
    // Written out: a record's generated equals and hashCode bootstrap through invokedynamic on first use, about
    // a tenth of a cold 'top' run, and every command keys its caches by this.
    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey k && occurrence == k.occurrence && java.util.Objects.equals(name, k.name);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(name) + occurrence;
    }
}
