package io.slabtrace.cli.view;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.model.log.OomRow;
import io.slabtrace.model.log.ReportFacts;
import io.slabtrace.model.log.Stack;
import io.slabtrace.replay.kernellog.DmesgFinding;
import io.slabtrace.replay.kernellog.ReportExplanation;
import io.slabtrace.replay.kernellog.SlotPlace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A kernel report's finding in words: what happened, where in the slot, who freed or allocated it, how often. */
public final class ReportWords {
    private ReportWords() {
    }

    /** The sentences that explain the finding, in order; empty for the tool's own findings. */
    public static List<String> explain(DmesgFinding f, Lang lang) {
        List<String> out = new ArrayList<>();
        if (f.detector() == null) return out;
        ReportFacts x = f.facts();
        ReportExplanation e = f.explanation();
        String cache = f.cache() == null ? lang.text("report.somecache") : f.cache();
        switch (f.kind()) {
            case LEAK -> {
                Stack s = x.allocStack();
                out.add(lang.text("report.leak", (long) f.count(), num(x.objectSize()), num(e.leakBytes()), s == null || s.site() == null ? "?" : s.site()));
                if (e.perCpu()) out.add(lang.text("report.leak.percpu"));
                else if (e.leakCache() != null) out.add(lang.text("report.leak.cache", e.leakCache()));
            }
            case OOM_SLAB -> {
                if (!e.oomTop().isEmpty()) {
                    out.add(lang.text("report.oom", (long) x.oomTable().size(), num(e.oomTotalKb()), top(e.oomTop())));
                    long pct = Math.round(e.oomTopShare() * 100);
                    out.add(e.oomDominant() ? lang.text("report.oom.dominant", e.oomTop().get(0).name(), pct)
                            : lang.text("report.oom.spread", e.oomTop().get(0).name(), pct));
                }
                if (e.slabShareOfRam() != null) out.add(lang.text("report.oom.ram", Math.round(e.slabShareOfRam() * 100), num(x.slabUnreclaimablePages())));
            }
            case ALLOC_FAILURE -> out.add(lang.text("report.allocfail", cache, (long) f.count(), dash(x.gfp()), dash(x.order()),
                    dash(x.objectSize()), dash(x.bufferSize())));
            case WRONG_CACHE -> out.add(lang.text("report.wrongcache", cache, dash(x.otherCache()),
                    x.freeStack() == null || x.freeStack().site() == null ? "?" : x.freeStack().site()));
            default -> access(f, lang, out, cache);
        }
        if (e.requests() != null && f.kind() != DmesgFinding.Kind.LEAK) {
            out.add(lang.text("report.requests", cache, e.requests().min(), e.requests().max()));
        }
        if (x.firstByte() != null) out.add(lang.text("report.overwrite", x.byteCount() == null ? "?" : String.valueOf(x.byteCount()),
                dash(x.offset()), x.firstByte(), dash(x.expected())));
        Stack freed = x.freeStack();
        if (freed != null && f.kind() != DmesgFinding.Kind.WRONG_CACHE && freed.site() != null) {
            String ago = e.freedBefore() != null ? lang.text("report.ago", String.format(Locale.ROOT, "%.1f", e.freedBefore() * 1000)) : "";
            out.add(lang.text("report.freedby", freed.site(), freed.pid() == null ? "?" : String.valueOf(freed.pid()), ago));
        }
        Stack alloc = x.allocStack();
        if (alloc != null && alloc.site() != null && f.kind() != DmesgFinding.Kind.LEAK) {
            out.add(lang.text("report.allocby", alloc.site(), alloc.pid() == null ? "?" : String.valueOf(alloc.pid())));
        }
        if (f.count() > 1) out.add(lang.text("report.repeated", (long) f.count(), f.line(), f.lastLine()));
        if (x.dropped() > 0) out.add(lang.text("report.dropped", x.dropped()));
        if (x.unparsed() > 0) out.add(lang.text("report.unparsed", (long) x.unparsed()));
        return out;
    }

    private static void access(DmesgFinding f, Lang lang, List<String> out, String cache) {
        ReportFacts x = f.facts();
        String what = x.access() != null && x.accessSize() != null ? lang.text("report.what.sized", (long) x.accessSize(), lang.text("report.access." + x.access()))
                : x.access() != null ? lang.text("report.what.access", lang.text("report.access." + x.access()))
                : f.kind() == DmesgFinding.Kind.DOUBLE_FREE || f.kind() == DmesgFinding.Kind.INVALID_FREE ? lang.text("report.what.free")
                : lang.text("report.what.write");
        String freed = Boolean.TRUE.equals(x.freed()) ? lang.text("report.freed") : "";
        Long known = x.objectSize() != null ? x.objectSize() : io.slabtrace.replay.kernellog.KmallocSizes.sizeOf(f.cache());
        String size = known == null ? "?" : String.valueOf(known);
        if (x.offset() == null) {
            out.add(lang.text("report.at.unknown", what, freed, size, cache));
        } else if (x.offset() < 0) {
            out.add(lang.text("report.at.left", what, -x.offset(), freed, size, cache));
        } else if (x.objectSize() != null && x.offset() >= x.objectSize()) {
            out.add(lang.text("report.at.right", what, x.offset() - x.objectSize(), freed, size, cache, x.offset()));
        } else {
            out.add(lang.text("report.at.inside", what, x.offset(), freed, size, cache));
        }
        SlotPlace p = f.explanation().place();
        if (p != null) {
            String key = "report.place." + p.place().name();
            out.add(lang.text(key, p.layout().slotSize(), p.neighbour() == null ? 0L : p.neighbour(), p.byteInTarget() == null ? 0L : p.byteInTarget(),
                    p.layout().freePointer().offset(), p.layout().machine().kernel().toString()));
            if (p.slabIndex() != null) out.add(lang.text("report.slabindex", p.slabIndex(), x.slabOffset(), p.layout().slotSize()));
            else if (Boolean.FALSE.equals(p.fitsModel())) out.add(lang.text("report.slabindex.misfit", x.slabOffset(), p.layout().slotSize()));
            if ("kasan".equals(f.detector())) out.add(lang.text("report.kasan.note"));
        }
    }

    private static String top(List<OomRow> rows) {
        List<String> s = new ArrayList<>();
        for (OomRow r : rows.subList(0, Math.min(3, rows.size()))) s.add(r.name() + " " + r.usedKb() + " KiB");
        return String.join(", ", s);
    }

    private static String num(Long v) {
        return v == null ? "?" : String.valueOf(v);
    }

    private static String dash(Object v) {
        return v == null ? "-" : String.valueOf(v);
    }
}
