package io.slabtrace.replay.kernellog;

import io.slabtrace.model.log.LogTime;
import io.slabtrace.model.log.ReportFacts;

import java.util.List;

/**
 * Something in a log worth a person's attention. {@code args} fill the sentence for {@code kind}
 * (the CLI words it, in English or Chinese); {@code lines} are the log lines it rests on.
 *
 * @param detector    who reported it: kasan, kfence, kmemleak, slub_debug, slab, oom; or null for what this tool
 *                    found in a module's own messages
 * @param facts       the kernel report's fields ({@link ReportFacts#NONE} for the tool's own findings)
 * @param count       identical reports seen (the same kind, cache, place and stack): one finding with a count
 * @param lastTime    the last of them, and its line
 * @param explanation what the layout model makes of it
 */
public record DmesgFinding(Kind kind, String cache, LogTime time, long line, List<Object> args, List<String> lines,
                           String detector, ReportFacts facts, int count, LogTime lastTime, long lastLine, ReportExplanation explanation) {

    public enum Kind {
        REDZONE_OVERWRITTEN, POISON_OVERWRITTEN, PADDING_OVERWRITTEN, FREEPOINTER_CORRUPT, DOUBLE_FREE,
        STILL_HAS_OBJECTS, ALLOC_FAILURE, SLAB_ERROR, MODEL_MISMATCH, LEAK_AT_EXIT, FREE_OF_UNKNOWN,
        USE_AFTER_FREE, OUT_OF_BOUNDS, INVALID_FREE, MEMORY_CORRUPTION, LEAK, OOM_SLAB, WRONG_CACHE
    }

    public DmesgFinding {
        args = List.copyOf(args);
        lines = List.copyOf(lines);
        if (facts == null) facts = ReportFacts.NONE;
        if (explanation == null) explanation = ReportExplanation.NONE;
    }

    /** A finding of the tool's own, from a module's messages. */
    public DmesgFinding(Kind kind, String cache, LogTime time, long line, List<Object> args, List<String> lines) {
        this(kind, cache, time, line, args, lines, null, ReportFacts.NONE, 1, time, line, ReportExplanation.NONE);
    }

    /** The same finding seen once more. */
    DmesgFinding again(LogTime when, long at) {
        return new DmesgFinding(kind, cache, time, line, args, lines, detector, facts, count + 1, when, at, explanation);
    }
}
