package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.model.log.OomRow;
import io.slabtrace.model.log.ReportFacts;
import io.slabtrace.model.log.Stack;
import io.slabtrace.replay.kernellog.DmesgAnalysis;
import io.slabtrace.replay.kernellog.DmesgFinding;
import io.slabtrace.replay.kernellog.SlotPlace;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code dmesg --format json}: {@code {"caches": [...], "findings": [...], "explanation": "...", "time_assumed": false,
 * "warnings": [...]}}.
 */
public record DmesgView(List<CacheView> caches, List<FindingView> findings, String explanation, boolean timeAssumed, List<String> warnings) {

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

    /** A stack as the report printed it: the task, pid, CPU and time where given, the first frame past the allocator, the frames. */
    public record StackView(String task, Integer pid, Integer cpu, Double time, Long ageJiffies, String site, List<String> frames) {
        static StackView of(Stack s) {
            return s == null ? null : new StackView(s.task(), s.pid(), s.cpu(), s.at(), s.ageJiffies(), s.site(), s.frames());
        }
    }

    /** Where the bad address falls in the model's slot. */
    public record PlaceView(String place, long slotSize, Long neighbour, Long byteInTarget, Long slabIndex, Boolean fitsModel, String kernel) {
        static PlaceView of(SlotPlace p) {
            return p == null ? null : new PlaceView(p.place().name().toLowerCase(Locale.ROOT), p.layout().slotSize(), p.neighbour(),
                    p.byteInTarget(), p.slabIndex(), p.fitsModel(), p.layout().machine().kernel().toString());
        }
    }

    @JsonPropertyOrder({"kind", "detector", "cache", "object_size", "offset", "access", "access_size", "address", "object_address",
            "function", "task", "pid", "count", "time", "last_time", "line", "last_line", "message", "explanation", "place",
            "kmalloc_requests", "alloc_stack", "free_stack", "first_byte", "byte_count", "gfp", "order", "node", "buffer_size",
            "other_cache", "release", "oom_table", "leak_bytes", "unparsed_lines", "lines"})
    @JsonInclude(JsonInclude.Include.ALWAYS) // a field the report did not give is null, not missing: the schema is the same for every kind
    public record FindingView(String kind, String detector, String cache, Long objectSize, Long offset, String access, Integer accessSize,
                              String address, String objectAddress, String function, String task, Integer pid, int count,
                              String time, String lastTime, long line, long lastLine, String message, String explanation,
                              PlaceView place, List<Long> kmallocRequests, StackView allocStack, StackView freeStack,
                              String firstByte, Integer byteCount, String gfp, Integer order, Integer node, Long bufferSize,
                              String otherCache, String release, List<OomRow> oomTable, Long leakBytes, int unparsedLines, List<String> lines) {
        static FindingView of(DmesgFinding f, Lang lang) {
            ReportFacts x = f.facts();
            var e = f.explanation();
            return new FindingView(f.kind().name().toLowerCase(Locale.ROOT), f.detector(), f.cache(), x.objectSize(), x.offset(), x.access(),
                    x.accessSize(), x.address(), x.objectAddress(), x.function(), x.task(), x.pid(), f.count(), f.time().toString(),
                    f.lastTime().toString(), f.line(), f.lastLine(), DmesgText.message(f, lang), String.join(" ", ReportWords.explain(f, lang)),
                    PlaceView.of(e.place()), e.requests() == null ? null : List.of(e.requests().min(), e.requests().max()),
                    StackView.of(x.allocStack()), StackView.of(x.freeStack()), x.firstByte(), x.byteCount(), x.gfp(), x.order(), x.node(),
                    x.bufferSize(), x.otherCache(), x.release(), x.oomTable().isEmpty() ? null : x.oomTable(), e.leakBytes(), x.unparsed(), f.lines());
        }
    }

    public static DmesgView of(DmesgAnalysis a, Lang lang) {
        List<CacheView> caches = a.caches().stream().map(c -> new CacheView(c.name(), c.prefix(),
                c.objectSize() > 0 ? c.objectSize() : null, c.align() >= 0 ? c.align() : null, c.ctorCalls(), c.allocations(), c.frees(),
                c.grows().stream().map(g -> new GrowView(g.time().toString(), g.line(), g.ctorCalls())).toList(),
                new Predicted(c.predictedSlub(), c.predictedSlab()), c.liveAtEnd(), c.ctorPerAllocation(), c.constructedUnused(),
                c.verdict().name().toLowerCase(Locale.ROOT), c.assumption(), c.slubDebug())).toList();
        List<FindingView> findings = a.findings().stream().map(f -> FindingView.of(f, lang)).toList();
        String explanation = a.caches().stream().map(c -> c.name() + ": " + DmesgText.summary(c, lang) + " " + DmesgText.explanation(c, lang))
                .collect(Collectors.joining("\n"));
        return new DmesgView(caches, findings, explanation, a.log().timeAssumed(), a.log().warnings());
    }
}
