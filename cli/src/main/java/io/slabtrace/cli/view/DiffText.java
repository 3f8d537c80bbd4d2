package io.slabtrace.cli.view;

import io.slabtrace.cli.format.TextTable;
import io.slabtrace.cli.format.Units;
import io.slabtrace.model.Snapshot;

import java.io.PrintWriter;
import java.util.List;

/** {@code diff}'s table. */
public final class DiffText {
    private DiffText() {
    }

    /** The table, with which snapshots were compared above it and the total change below. */
    public static void print(PrintWriter out, Snapshot before, Snapshot after, List<DiffRow> rows) {
        out.printf(" Before: %s%n After : %s%n%n", describe(before), describe(after));
        long total = rows.stream().mapToLong(DiffRow::memoryBytesDelta).sum();
        TextTable t = new TextTable("MEMORY", "BEFORE", "AFTER", "ACTIVE", "OBJS", "SLABS", "USE BEFORE", "USE AFTER", "NAME").left(8);
        for (DiffRow r : rows) {
            String name = r.status() == null ? r.name() : r.name() + " (" + r.status() + ")";
            t.add(Units.signedBytes(r.memoryBytesDelta()), Units.bytes(r.memoryBytesBefore()), Units.bytes(r.memoryBytesAfter()),
                    Units.signed(r.activeObjsDelta()), Units.signed(r.numObjsDelta()), Units.signed(r.numSlabsDelta()),
                    r.utilizationBefore() == null ? "-" : Units.percent(r.utilizationBefore()),
                    r.utilizationAfter() == null ? "-" : Units.percent(r.utilizationAfter()), name);
        }
        t.print(out);
        out.printf("%n Total memory change of the caches listed: %s%n", Units.signedBytes(total));
        out.flush();
    }

    private static String describe(Snapshot s) {
        return s.source() + ":" + s.firstLine() + (s.timestamp() != null ? " (" + s.timestamp() + ")" : "");
    }
}
