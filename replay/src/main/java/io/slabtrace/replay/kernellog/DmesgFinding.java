package io.slabtrace.replay.kernellog;

import io.slabtrace.model.log.LogTime;

import java.util.List;

/**
 * Something in a log worth a person's attention. {@code args} fill the sentence for {@code kind}
 * (the CLI words it, in English or Chinese); {@code lines} are the log lines it rests on.
 */
public record DmesgFinding(Kind kind, String cache, LogTime time, long line, List<Object> args, List<String> lines) {

    public enum Kind {
        REDZONE_OVERWRITTEN, POISON_OVERWRITTEN, PADDING_OVERWRITTEN, FREEPOINTER_CORRUPT, DOUBLE_FREE,
        STILL_HAS_OBJECTS, ALLOC_FAILURE, SLAB_ERROR, MODEL_MISMATCH, LEAK_AT_EXIT, FREE_OF_UNKNOWN
    }

    public DmesgFinding {
        args = List.copyOf(args);
        lines = List.copyOf(lines);
    }
}
