package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.replay.explain.CacheExplanation;
import io.slabtrace.replay.explain.Geometry;
import io.slabtrace.replay.explain.Usage;

import java.util.List;

/** One entry of {@code explain --format json}. */
@JsonPropertyOrder({"name", "asked", "allocator", "merged_names", "object_size", "ctor", "computed", "observed", "match", "usage",
        "inferences", "missing_attributes", "layout"})
public record ExplainView(
        String name,
        String asked,
        String allocator,
        List<String> mergedNames,
        Integer objectSize,
        String ctor,
        @JsonInclude(JsonInclude.Include.ALWAYS) GeometryView computed,
        @JsonInclude(JsonInclude.Include.ALWAYS) GeometryView observed,
        @JsonInclude(JsonInclude.Include.ALWAYS) Boolean match,
        Usage usage,
        List<String> inferences,
        List<String> missingAttributes,
        LayoutView layout) {

    /** slot_size, objperslab, order, pagesperslab — the same four fields on both sides. */
    public record GeometryView(long slotSize, long objperslab, int order, long pagesperslab) {
        public static GeometryView of(Geometry g) {
            return g == null ? null : new GeometryView(g.slotSize(), g.objperslab(), g.order(), g.pagesperslab());
        }
    }

    public static ExplainView of(CacheExplanation e, Lang lang) {
        CacheLayout c = e.computed();
        return new ExplainView(e.name(), e.asked(), e.allocator().label(), e.mergedNames(), c == null ? null : c.spec().objectSize(),
                e.ctor(), c == null ? null : GeometryView.of(Geometry.of(c)), GeometryView.of(e.observed()), e.match(), e.usage(),
                e.inferences().stream().map(i -> i.name().toLowerCase(java.util.Locale.ROOT)).toList(), e.missingAttributes(),
                c == null ? null : LayoutView.of(c, lang, null));
    }
}
