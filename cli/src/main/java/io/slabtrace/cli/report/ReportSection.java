package io.slabtrace.cli.report;

import io.slabtrace.cli.format.Lang;

import java.util.List;

/** One analysis in the report beyond the slab snapshots: it brings its warnings and writes its own section. */
public sealed interface ReportSection permits SlabSections, DmesgSection, ReplaySection {

    /** Problems a reader must know before trusting the page (lost events, skipped lines). */
    List<String> warnings(Lang lang);

    /** What belongs among the report's headlines, in plain words. */
    List<String> headlines(Lang lang);

    void write(StringBuilder b, ReportPage page);
}
