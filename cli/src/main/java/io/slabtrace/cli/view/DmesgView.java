package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.replay.kernellog.DmesgAnalysis;
import io.slabtrace.replay.kernellog.DmesgFinding;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code dmesg --format json}: {@code {"caches": [...], "findings": [...], "explanation": "..."}}. */
public record DmesgView(List<CacheView> caches, List<FindingView> findings, String explanation) {

    @JsonPropertyOrder({"name", "prefix", "object_size", "align", "ctor_calls", "allocations", "frees", "grows", "predicted_objperslab",
            "live_at_end", "ctor_per_allocation", "constructed_unused", "verdict", "assumption", "slub_debug"})
    public record CacheView(String name, String prefix, Integer objectSize, Integer align, long ctorCalls, long allocations, long frees,
                            List<GrowView> grows, Predicted predictedObjperslab, long liveAtEnd, boolean ctorPerAllocation,
                            long constructedUnused, String verdict, String assumption, String slubDebug) {
    }

    public record GrowView(String time, long line, long ctorCalls) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Predicted(Integer slub, Integer slab) {
    }

    @JsonPropertyOrder({"kind", "cache", "time", "line", "message", "lines"})
    public record FindingView(String kind, String cache, String time, long line, String message, List<String> lines) {
    }

    public static DmesgView of(DmesgAnalysis a, Lang lang) {
        List<CacheView> caches = a.caches().stream().map(c -> new CacheView(c.name(), c.prefix(),
                c.objectSize() > 0 ? c.objectSize() : null, c.align() >= 0 ? c.align() : null, c.ctorCalls(), c.allocations(), c.frees(),
                c.grows().stream().map(g -> new GrowView(g.time().toString(), g.line(), g.ctorCalls())).toList(),
                new Predicted(c.predictedSlub(), c.predictedSlab()), c.liveAtEnd(), c.ctorPerAllocation(), c.constructedUnused(),
                c.verdict().name().toLowerCase(Locale.ROOT), c.assumption(), c.slubDebug())).toList();
        List<FindingView> findings = a.findings().stream().map((DmesgFinding f) -> new FindingView(f.kind().name().toLowerCase(Locale.ROOT),
                f.cache(), f.time().toString(), f.line(), DmesgText.message(f, lang), f.lines())).toList();
        String explanation = a.caches().stream().map(c -> c.name() + ": " + DmesgText.summary(c, lang) + " " + DmesgText.explanation(c, lang))
                .collect(Collectors.joining("\n"));
        return new DmesgView(caches, findings, explanation);
    }
}
