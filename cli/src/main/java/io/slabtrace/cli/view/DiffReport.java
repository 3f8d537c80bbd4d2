package io.slabtrace.cli.view;

import io.slabtrace.model.Snapshot;

import java.util.List;

/** {@code diff --format json}: which snapshots were compared, and the caches. */
public record DiffReport(End before, End after, List<DiffRow> caches) {

    /** Which snapshot an end of the comparison is. */
    public record End(String source, long line, String timestamp) {
        static End of(Snapshot s) {
            return new End(s.source(), s.firstLine(), s.timestamp() == null ? null : s.timestamp().toString());
        }
    }

    public static DiffReport of(Snapshot before, Snapshot after, List<DiffRow> caches) {
        return new DiffReport(End.of(before), End.of(after), caches);
    }
}
