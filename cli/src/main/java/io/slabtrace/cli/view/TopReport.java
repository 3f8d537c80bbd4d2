package io.slabtrace.cli.view;

import java.util.List;

/** {@code top --format json}: {@code {"summary": {...}, "caches": [...]}}. */
public record TopReport(TopSummary summary, List<TopRow> caches) {
}
