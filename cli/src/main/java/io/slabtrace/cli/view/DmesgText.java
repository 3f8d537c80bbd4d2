package io.slabtrace.cli.view;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.TextTable;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.SlabFreelist;
import io.slabtrace.model.log.KernelLog;
import io.slabtrace.model.log.LogTime;
import io.slabtrace.model.log.SlabEvent;
import io.slabtrace.replay.kernellog.DmesgAnalysis;
import io.slabtrace.replay.kernellog.DmesgCache;
import io.slabtrace.replay.kernellog.DmesgFinding;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A log's analysis in words: per cache a condensed timeline, a summary and the model's explanation; then the findings. */
public final class DmesgText {
    private DmesgText() {
    }

    /** One line of the condensed timeline. */
    public record Entry(LogTime time, long line, String cache, String event, String detail) {
    }

    public static void print(PrintWriter out, DmesgAnalysis a, Lang lang) {
        KernelLog.BootFacts b = a.log().boot();
        String boot = (b.release() != null ? lang.text("dmesg.boot", b.release()) : "")
                + (Boolean.TRUE.equals(b.slub()) ? lang.text("dmesg.alloc.slub") : Boolean.FALSE.equals(b.slub()) ? lang.text("dmesg.alloc.slab") : "")
                + (b.cmdline() != null ? lang.text("dmesg.cmdline", b.cmdline()) : "");
        out.println(lang.text("dmesg.log", a.log().source(), a.log().lines(), boot));
        out.println();
        for (DmesgCache c : a.caches()) {
            String params = c.objectSize() > 0 ? lang.text("dmesg.cache.params", (long) c.objectSize(), (long) Math.max(c.align(), 0)) : "";
            out.println(lang.text("dmesg.cache", c.name(), String.valueOf(c.prefix()), params));
            TextTable t = new TextTable("", "", "").left(1, 2);
            for (Entry e : timeline(a, c, lang)) t.add(e.time().toString(), e.event(), e.detail());
            t.printRows(out, "  ");
            out.println("  " + summary(c, lang));
            out.println("  " + explanation(c, lang));
            out.println();
        }
        if (a.findings().isEmpty()) {
            out.println(lang.text("dmesg.nofindings"));
        } else {
            out.println(lang.text("dmesg.findings"));
            for (DmesgFinding f : a.findings()) {
                out.printf("  %-20s %-18s %s  %s%n", f.kind().name().toLowerCase(Locale.ROOT), f.cache() == null ? "-" : f.cache(), f.time(), message(f, lang));
                if (f.detector() != null) {
                    out.println("    " + fields(f));
                    for (String sentence : ReportWords.explain(f, lang)) out.println("    " + sentence);
                }
            }
        }
        if (!a.log().warnings().isEmpty()) {
            out.println();
            out.println(lang.text("dmesg.warnings"));
            for (String w : a.log().warnings()) out.println("  " + w);
        }
        out.flush();
    }

    /** The cache's events, constructor calls condensed into grows and runs of allocations or frees into one line. */
    public static List<Entry> timeline(DmesgAnalysis a, DmesgCache c, Lang lang) {
        List<Entry> out = new ArrayList<>();
        int grow = 0;
        String runKind = null;
        int run = 0;
        Entry runStart = null;
        for (SlabEvent e : eventsOf(a, c)) {
            String kind = e instanceof SlabEvent.Allocated ? "alloc" : e instanceof SlabEvent.Freed ? "free" : null;
            if (run > 0 && !java.util.Objects.equals(kind, runKind)) {
                out.add(run == 1 ? runStart : new Entry(runStart.time(), runStart.line(), c.name(), lang.text("dmesg.ev." + runKind + "s", (long) run), ""));
                run = 0;
            }
            if (kind != null) {
                String ptr = e instanceof SlabEvent.Allocated al ? al.ptr() : ((SlabEvent.Freed) e).ptr();
                if (run == 0) runStart = new Entry(e.at().time(), e.at().line(), c.name(), lang.text("dmesg.ev." + kind), ptr == null ? "" : ptr);
                runKind = kind;
                run++;
            } else if (e instanceof SlabEvent.CacheCreated cc) {
                out.add(new Entry(e.at().time(), e.at().line(), c.name(), lang.text("dmesg.ev.created"),
                        cc.objectSize() > 0 ? "obj_size " + cc.objectSize() + (cc.align() >= 0 ? ", align " + cc.align() : "") : ""));
            } else if (e instanceof SlabEvent.CtorCalled) {
                DmesgCache.Grow g = c.grows().stream().filter(x -> x.line() == e.at().line()).findFirst().orElse(null);
                if (g != null) out.add(new Entry(g.time(), g.line(), c.name(), lang.text("dmesg.ev.grow", (long) ++grow), lang.text("dmesg.ev.grow.detail", g.ctorCalls())));
            } else if (e instanceof SlabEvent.CacheDestroyed) {
                out.add(new Entry(e.at().time(), e.at().line(), c.name(), lang.text("dmesg.ev.destroyed"), ""));
            }
        }
        if (run > 0) out.add(run == 1 ? runStart : new Entry(runStart.time(), runStart.line(), c.name(), lang.text("dmesg.ev." + runKind + "s", (long) run), ""));
        return out;
    }

    /** The log's events that belong to this cache: those of its prefix from its creation until another cache of the prefix is created. */
    private static List<SlabEvent> eventsOf(DmesgAnalysis a, DmesgCache c) {
        List<SlabEvent> out = new ArrayList<>();
        boolean mine = c.created() == null;
        for (SlabEvent e : a.log().events()) {
            if (!java.util.Objects.equals(e.at().prefix(), c.prefix())) continue;
            if (e instanceof SlabEvent.CacheCreated cc) mine = cc.cache().equals(c.name());
            if (mine) out.add(e);
        }
        return out;
    }

    static String summary(DmesgCache c, Lang lang) {
        Long burst = c.burst();
        String perGrow = burst != null && !c.ctorPerAllocation() ? lang.text("dmesg.summary.burst", burst) : "";
        String unused = c.constructedUnused() > 0 ? lang.text("dmesg.summary.unused", c.constructedUnused()) : "";
        return lang.text("dmesg.summary", c.ctorCalls(), (long) c.grows().size(), perGrow, c.allocations(), c.frees(), c.liveAtEnd(), unused);
    }

    public static String explanation(DmesgCache c, Lang lang) {
        String text;
        switch (c.verdict()) {
            case SLUB, SLAB -> {
                CacheLayout l = c.verdict() == DmesgCache.Verdict.SLUB ? c.slub() : c.slab();
                String onSlab = c.slab() != null && c.slab().freelist() == SlabFreelist.ON_SLAB
                        ? lang.text("dmesg.verdict.onslab", c.slab().freelistBytes()) : "";
                text = lang.text("dmesg.verdict." + c.verdict().name(), c.burst(), (long) l.order(), l.objperslab(), l.slotSize(),
                        c.slub().objperslab(), c.slab().objperslab(), onSlab);
            }
            case DEBUG_SLAB -> text = lang.text("dmesg.verdict.DEBUG_SLAB", c.slab() == null ? 0L : c.slab().objperslab());
            case MISMATCH -> text = lang.text("dmesg.verdict.MISMATCH", c.burst(), c.slub().objperslab(), c.slab().objperslab());
            default -> text = lang.text("dmesg.verdict." + c.verdict().name());
        }
        if (c.slubDebug() != null && c.slub() != null && c.verdict() == DmesgCache.Verdict.SLUB) {
            text += " " + lang.text("dmesg.slubdebug", c.slubDebug(), c.slub().slotSize());
        }
        return c.assumption() == null ? text : text + " " + lang.text("dmesg.assumed", c.assumption());
    }

    /** The finding's structured fields on one line, {@code name=value}, those the report gave. */
    public static String fields(DmesgFinding f) {
        var x = f.facts();
        List<String> s = new ArrayList<>();
        s.add("detector=" + f.detector());
        add(s, "object_size", x.objectSize());
        add(s, "offset", x.offset());
        add(s, "access", x.access());
        add(s, "access_size", x.accessSize());
        add(s, "address", x.address());
        add(s, "function", x.function());
        add(s, "task", x.task());
        add(s, "pid", x.pid());
        add(s, "gfp", x.gfp());
        add(s, "order", x.order());
        if (f.count() > 1) s.add("count=" + f.count());
        return String.join(" ", s);
    }

    private static void add(List<String> s, String name, Object v) {
        if (v != null) s.add(name + "=" + v);
    }

    public static String message(DmesgFinding f, Lang lang) {
        if (!f.lines().isEmpty()) return lang.text("finding.report", f.args().get(0), (long) f.lines().size(), f.line());
        if (f.kind() == DmesgFinding.Kind.MODEL_MISMATCH) {
            List<Object> x = f.args();
            String base = lang.text("finding.MODEL_MISMATCH", x.get(0), x.get(1), x.get(2), x.get(3), x.get(4));
            String assumed = (String) x.get(5);
            return assumed.isEmpty() ? base : base + lang.text("finding.MODEL_MISMATCH.assumed", assumed, x.get(0));
        }
        return lang.text("finding." + f.kind().name(), f.args().toArray());
    }
}
