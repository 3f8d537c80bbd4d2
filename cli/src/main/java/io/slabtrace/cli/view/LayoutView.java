package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Units;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Step;
import io.slabtrace.model.layout.Tunables;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code layout --format json}: the computed geometry under the names the README documents. */
@JsonPropertyOrder({"allocator", "object_size", "align", "slot_size", "order", "pagesperslab", "objperslab", "leftover_bytes",
        "freepointer_offset", "freepointer_placement", "ctor_calls_per_new_slab", "ctor_per_allocation", "inuse", "red_left_pad",
        "freelist", "freelist_bytes", "colour", "colour_off", "flags", "tunables", "machine", "steps", "comparison"})
public record LayoutView(
        String allocator,
        int objectSize,
        int align,
        long slotSize,
        int order,
        long pagesperslab,
        long objperslab,
        long leftoverBytes,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long freepointerOffset,
        String freepointerPlacement,
        long ctorCallsPerNewSlab,
        boolean ctorPerAllocation,
        long inuse,
        long redLeftPad,
        String freelist,
        long freelistBytes,
        long colour,
        long colourOff,
        List<String> flags,
        Map<String, Integer> tunables,
        Map<String, Object> machine,
        List<StepView> steps,
        Comparison comparison) {

    /** One rule applied, with its sentence in the chosen language. */
    public record StepView(String rule, String kernelFunction, List<Long> values, String text) {
    }

    /** What another flag set would cost per {@code objects} objects. */
    @JsonPropertyOrder({"flags", "slot_size", "objperslab", "order", "objects", "slabs", "bytes", "baseline_slabs", "baseline_bytes", "saved_bytes"})
    public record Comparison(List<String> flags, long slotSize, long objperslab, int order, long objects, long slabs, long bytes,
                             long baselineSlabs, long baselineBytes, long savedBytes) {

        public static Comparison of(CacheLayout other, CacheLayout baseline, long objects) {
            long slabs = (objects + other.objperslab() - 1) / other.objperslab();
            long base = (objects + baseline.objperslab() - 1) / baseline.objperslab();
            long bytes = slabs * other.slabBytes(), baseBytes = base * baseline.slabBytes();
            return new Comparison(other.spec().flags().stream().map(Enum::name).sorted().toList(), other.slotSize(), other.objperslab(),
                    other.order(), objects, slabs, bytes, base, baseBytes, baseBytes - bytes);
        }

        public String sentence(Lang lang) {
            String what = flags.isEmpty() ? lang.text("layout.noflags") : String.join(",", flags);
            String effect = savedBytes > 0 ? lang.text("layout.compare.saves", Units.bytes(savedBytes))
                    : savedBytes < 0 ? lang.text("layout.compare.costs", Units.bytes(-savedBytes)) : lang.text("layout.compare.same");
            return lang.text("layout.compare", what, slotSize, objperslab, (long) order, slabs, Units.bytes(bytes), baselineSlabs,
                    Units.bytes(baselineBytes), effect);
        }
    }

    public static LayoutView of(CacheLayout l, Lang lang, Comparison cmp) {
        Map<String, Integer> tunables = new TreeMap<>();
        if (l.tunables() instanceof Tunables.Slub s) {
            tunables.put("min_partial", s.minPartial());
            tunables.put("cpu_partial", s.cpuPartial());
            tunables.put("cpu_partial_slabs", s.cpuPartialSlabs());
            tunables.put("sheaf_capacity", s.sheafCapacity());
        } else if (l.tunables() instanceof Tunables.Slab s) {
            tunables.put("limit", s.limit());
            tunables.put("batchcount", s.batchcount());
            tunables.put("sharedfactor", s.sharedfactor());
        }
        Map<String, Object> machine = new TreeMap<>(Map.of("kernel", l.machine().kernel().toString(), "cpus", l.machine().cpus(),
                "page_size", l.machine().pageSize(), "cache_line_size", l.machine().cacheLineSize(), "debug_slab", l.machine().debugSlab()));
        List<StepView> steps = l.steps().stream().map((Step s) -> new StepView(s.rule().name(), s.rule().kernelFunction(), s.values(),
                LayoutText.step(s, lang))).toList();
        Long fp = l.freelist() != null || l.freePointer().offset() < 0 ? null : l.freePointer().offset();
        return new LayoutView(l.allocator().label(), l.spec().objectSize(), l.align(), l.slotSize(), l.order(), l.pagesperslab(),
                l.objperslab(), l.leftoverBytes(), fp, l.freePointer().placement().name().toLowerCase(java.util.Locale.ROOT),
                l.ctorCallsPerNewSlab(), l.ctorPerAllocation(), l.inuse(), l.redLeftPad(),
                l.freelist() == null ? null : l.freelist().name().toLowerCase(java.util.Locale.ROOT), l.freelistBytes(), l.colour(),
                l.colourOff(), l.flags().stream().map(Enum::name).sorted().toList(), tunables, machine, steps, cmp);
    }
}
