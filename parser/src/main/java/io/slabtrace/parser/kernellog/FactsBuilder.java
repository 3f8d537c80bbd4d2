package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.OomRow;
import io.slabtrace.model.log.ReportFacts;
import io.slabtrace.model.log.Stack;
import io.slabtrace.parser.Decimal;

import java.util.ArrayList;
import java.util.List;

/** Collects a report's facts while its lines are read; {@link #build()} makes the record. */
final class FactsBuilder {
    Long objectSize, regionSize, offset, slabOffset, bufferSize, slabUnreclaimable, slabReclaimable, ramPages;
    String access, address, objectAddress, function, task, firstByte, expected, gfp, otherCache, release;
    Integer accessSize, pid, byteCount, order, node;
    Boolean freed;
    Stack alloc, free;
    final List<OomRow> oom = new ArrayList<>();
    int unparsed;
    long dropped;

    /** {@code kworker/u16:5/475}: the task's name may hold slashes, the pid is after the last one. */
    void taskAndPid(String printed) {
        if (printed == null) return;
        int slash = printed.lastIndexOf('/');
        if (slash > 0 && slash < printed.length() - 1 && printed.substring(slash + 1).chars().allMatch(Character::isDigit)) {
            task = printed.substring(0, slash);
            pid = Decimal.boxedInt(printed.substring(slash + 1));
        } else {
            task = printed;
        }
    }

    ReportFacts build() {
        return new ReportFacts(objectSize, regionSize, offset, access, accessSize, address, objectAddress, freed, function, task, pid,
                alloc, free, slabOffset, firstByte, byteCount, expected, gfp, order, node, bufferSize, otherCache, release,
                oom, slabUnreclaimable, slabReclaimable, ramPages, unparsed, dropped);
    }
}
