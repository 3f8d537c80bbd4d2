package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.layout.SlabLayouter;
import io.slabtrace.model.layout.SlubLayouter;
import io.slabtrace.model.log.KernelLog;
import io.slabtrace.model.log.LogTime;
import io.slabtrace.model.log.SlabEvent;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a module's log into per-cache facts: constructor bursts (one per slab grow), allocations
 * and frees paired by pointer, and what the layout model predicts for the cache's parameters.
 */
public final class DmesgAnalyzer {
    /** The last release with classic SLAB; its rules apply when the log's kernel is newer or unknown. */
    private static final KernelVersion LAST_SLAB = new KernelVersion(6, 1);

    /**
     * Creation parameters given on the command line for logs that do not print them: each null (or
     * empty) field leaves what the log says.
     */
    public record Given(Integer objectSize, Integer align, Set<SlabFlag> flags) {
        public static final Given NONE = new Given(null, null, Set.of());
    }

    private final Machine machine;
    private final Given given;

    /** @param machine CPUs, page size and kernel release (the log's own boot messages override the release and CPUs) */
    public DmesgAnalyzer(Machine machine, Given given) {
        this.machine = machine;
        this.given = given;
    }

    /** Mutable state of one cache while the log is read. */
    private static final class Acc {
        final String name;
        final String prefix;
        int objectSize = -1;
        int align = -1;
        final Set<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
        long ctorCalls, allocations, frees, pairs;
        final List<DmesgCache.Grow> grows = new ArrayList<>();
        long growStartLine;
        LogTime growTime;
        long growCtor, growAllocs;
        boolean lastWasCtor;
        String lastCtorPtr;
        final Set<String> constructed = new HashSet<>();
        final Set<String> handedOut = new HashSet<>();
        final Map<String, Boolean> live = new LinkedHashMap<>(); // ptr -> live
        long anonymousLive;
        LogTime created, destroyed;

        Acc(String name, String prefix) {
            this.name = name;
            this.prefix = prefix;
        }

        void closeGrow() {
            if (growCtor > 0) grows.add(new DmesgCache.Grow(growTime, growStartLine, growCtor, growAllocs));
            growCtor = 0;
            growAllocs = 0;
        }

        long liveCount() {
            return live.values().stream().filter(b -> b).count() + anonymousLive;
        }
    }

    public DmesgAnalysis analyze(KernelLog log, String onlyCache) {
        Machine m = withBootFacts(log.boot());
        Map<String, Acc> byName = new LinkedHashMap<>();
        Map<String, Acc> currentByPrefix = new HashMap<>();
        List<DmesgFinding> findings = new ArrayList<>();
        for (SlabEvent e : log.events()) {
            String prefix = e.at().prefix();
            if (e instanceof SlabEvent.CacheCreated c) {
                Acc a = byName.computeIfAbsent(c.cache(), n -> new Acc(n, prefix));
                a.objectSize = c.objectSize();
                a.align = c.align();
                a.created = c.at().time();
                currentByPrefix.put(prefix, a);
                continue;
            }
            boolean objectEvent = e instanceof SlabEvent.CtorCalled || e instanceof SlabEvent.Allocated || e instanceof SlabEvent.Freed;
            if (!currentByPrefix.containsKey(prefix) && !objectEvent) continue; // module init before any cache: nothing to attach to
            Acc a = currentByPrefix.computeIfAbsent(prefix, p -> byName.computeIfAbsent("(" + (p == null ? "log" : p) + ")", n -> new Acc(n, p)));
            if (e instanceof SlabEvent.CacheFlags f) {
                a.flags.addAll(flagWords(f.flags()));
            } else if (e instanceof SlabEvent.CtorCalled c) {
                if (!a.lastWasCtor) {
                    a.closeGrow();
                    a.growTime = c.at().time();
                    a.growStartLine = c.at().line();
                }
                a.growCtor++;
                a.ctorCalls++;
                a.constructed.add(c.ptr());
                a.lastCtorPtr = c.ptr();
                a.lastWasCtor = true;
            } else if (e instanceof SlabEvent.Allocated al) {
                if (a.lastWasCtor && al.ptr() != null && al.ptr().equals(a.lastCtorPtr)) a.pairs++;
                a.allocations++;
                a.growAllocs++;
                if (al.ptr() != null) {
                    a.live.put(al.ptr(), true);
                    a.handedOut.add(al.ptr());
                } else {
                    a.anonymousLive++;
                }
                a.lastWasCtor = false;
            } else if (e instanceof SlabEvent.Freed fr) {
                a.frees++;
                a.lastWasCtor = false;
                free(a, fr, findings);
            } else if (e instanceof SlabEvent.CacheDestroyed d) {
                a.destroyed = d.at().time();
                leakCheck(a, d.at(), findings);
            }
        }
        List<DmesgCache> caches = new ArrayList<>();
        for (Acc a : byName.values()) {
            if (onlyCache != null && !a.name.equals(onlyCache)) continue;
            a.closeGrow();
            caches.add(finish(a, m, log.boot(), findings));
        }
        findings.addAll(ReportFindings.of(log.reports(), m, onlyCache));
        findings.sort(java.util.Comparator.comparingLong(DmesgFinding::line));
        return new DmesgAnalysis(log, caches, findings);
    }

    private static void free(Acc a, SlabEvent.Freed fr, List<DmesgFinding> findings) {
        if (fr.ptr() == null) { // "object freed": the module did not say which
            if (a.anonymousLive > 0) a.anonymousLive--;
            else a.live.entrySet().stream().filter(Map.Entry::getValue).findFirst().ifPresent(x -> x.setValue(false));
            return;
        }
        Boolean state = a.live.get(fr.ptr());
        if (Boolean.TRUE.equals(state)) {
            a.live.put(fr.ptr(), false);
        } else if (Boolean.FALSE.equals(state)) {
            findings.add(new DmesgFinding(DmesgFinding.Kind.DOUBLE_FREE, a.name, fr.at().time(), fr.at().line(), List.of(fr.ptr()), List.of()));
        } else {
            findings.add(new DmesgFinding(DmesgFinding.Kind.FREE_OF_UNKNOWN, a.name, fr.at().time(), fr.at().line(), List.of(fr.ptr()), List.of()));
        }
    }

    private static void leakCheck(Acc a, SlabEvent.At at, List<DmesgFinding> findings) {
        long live = a.liveCount();
        if (live > 0) findings.add(new DmesgFinding(DmesgFinding.Kind.LEAK_AT_EXIT, a.name, at.time(), at.line(), List.of(live), List.of()));
    }

    private DmesgCache finish(Acc a, Machine m, KernelLog.BootFacts boot, List<DmesgFinding> findings) {
        boolean perAlloc = a.ctorCalls > 0 && a.pairs == a.ctorCalls;
        Set<String> unused = new LinkedHashSet<>(a.constructed);
        unused.removeAll(a.handedOut);
        CacheSpec spec = spec(a);
        CacheLayout slub = null, slab = null;
        if (spec != null) {
            Set<SlabFlag> debug = SlubDebug.flagsFor(boot.cmdline(), a.name);
            EnumSet<SlabFlag> slubFlags = EnumSet.noneOf(SlabFlag.class);
            slubFlags.addAll(spec.flags());
            slubFlags.addAll(debug);
            slub = new SlubLayouter().layout(withFlags(spec, slubFlags), m);
            Machine slabMachine = slabMachine(m);
            slab = new SlabLayouter().layout(spec, slabMachine.withDebugSlab(perAlloc));
        }
        DmesgCache.Verdict verdict;
        String assumption = null;
        Long burst = DmesgCache.burst(a.grows);
        if (a.ctorCalls == 0) verdict = DmesgCache.Verdict.NO_GROWS;
        else if (perAlloc) verdict = DmesgCache.Verdict.DEBUG_SLAB;
        else if (spec == null) verdict = DmesgCache.Verdict.NO_PARAMETERS;
        else if (!Boolean.FALSE.equals(boot.slub()) && burst == slub.objperslab()) verdict = DmesgCache.Verdict.SLUB;
        else if (!Boolean.TRUE.equals(boot.slub()) && burst == slab.objperslab()) verdict = DmesgCache.Verdict.SLAB;
        else {
            Variant v = variant(spec, SlubDebug.flagsFor(boot.cmdline(), a.name), m, burst, boot.slub());
            verdict = v == null ? DmesgCache.Verdict.MISMATCH : v.verdict();
            assumption = v == null ? null : v.assumption();
            if (v != null) { // both models under the same assumption, so the explanation compares like with like
                EnumSet<SlabFlag> plain = EnumSet.copyOf(v.added());
                plain.removeIf(SlabFlag.DEBUG::contains);
                EnumSet<SlabFlag> slubFlags = EnumSet.noneOf(SlabFlag.class);
                slubFlags.addAll(spec.flags());
                slubFlags.addAll(SlubDebug.flagsFor(boot.cmdline(), a.name));
                slubFlags.addAll(v.added());
                EnumSet<SlabFlag> slabFlags = EnumSet.noneOf(SlabFlag.class);
                slabFlags.addAll(spec.flags());
                slabFlags.addAll(plain);
                Machine pm = v.pageSize() > 0 ? m.withPageSize(v.pageSize()) : m;
                slub = new SlubLayouter().layout(withFlags(spec, slubFlags), pm);
                Machine sm = slabMachine(pm);
                slab = new SlabLayouter().layout(withFlags(spec, slabFlags), sm.withDebugSlab(perAlloc));
            }
            findings.add(new DmesgFinding(DmesgFinding.Kind.MODEL_MISMATCH, a.name, a.grows.get(0).time(), a.grows.get(0).line(),
                    List.of(burst, spec.objectSize(), Math.max(8, spec.align()), predictedBefore(spec, m, boot, true),
                            predictedBefore(spec, m, boot, false), assumption == null ? "" : assumption), List.of()));
        }
        return new DmesgCache(a.name, a.prefix, a.objectSize, a.align, a.ctorCalls, a.allocations, a.frees, a.grows, perAlloc,
                perAlloc ? 0 : unused.size(), a.liveCount(), slub, slab, verdict, assumption,
                debugLetters(SlubDebug.flagsFor(boot.cmdline(), a.name)).isEmpty() ? null : debugLetters(SlubDebug.flagsFor(boot.cmdline(), a.name)),
                a.created, a.destroyed);
    }

    /** A setting the log did not show under which a model gives the bursts seen. */
    private record Variant(DmesgCache.Verdict verdict, String assumption, Set<SlabFlag> added, int pageSize) {
    }

    /**
     * Looks for what the log leaves out: SLAB_HWCACHE_ALIGN (modules rarely print their flags), slub_debug
     * flags, a larger page size. The first setting whose layout gives the bursts seen, or null.
     */
    private static Variant variant(CacheSpec spec, Set<SlabFlag> cmdlineDebug, Machine m, long burst, Boolean slubKnown) {
        List<String> extras = new ArrayList<>(List.of("HWCACHE_ALIGN"));
        for (String d : new String[] {"F,Z,P,U", "Z,P,U", "Z,P", "Z", "P", "U"}) {
            extras.add(d);
            extras.add("HWCACHE_ALIGN," + d);
        }
        Machine slabMachine = slabMachine(m);
        for (String extra : extras) {
            Set<SlabFlag> added = SlabFlag.parseList(extra);
            EnumSet<SlabFlag> f = EnumSet.noneOf(SlabFlag.class);
            f.addAll(spec.flags());
            f.addAll(cmdlineDebug);
            f.addAll(added);
            String label = added.contains(SlabFlag.HWCACHE_ALIGN) && added.size() == 1 ? "SLAB_HWCACHE_ALIGN"
                    : added.stream().filter(SlabFlag.DEBUG::contains).count() > 0
                    ? "slub_debug=" + debugLetters(added) + (added.contains(SlabFlag.HWCACHE_ALIGN) ? " and SLAB_HWCACHE_ALIGN" : "")
                    : extra;
            if (!Boolean.FALSE.equals(slubKnown)) {
                CacheLayout l = new SlubLayouter().layout(withFlags(spec, f), m);
                if (l.objperslab() == burst) return new Variant(DmesgCache.Verdict.SLUB, label, added, 0);
            }
            if (!Boolean.TRUE.equals(slubKnown) && added.stream().noneMatch(SlabFlag.DEBUG::contains)) {
                CacheLayout l = new SlabLayouter().layout(withFlags(spec, f), slabMachine);
                if (l.objperslab() == burst) return new Variant(DmesgCache.Verdict.SLAB, "SLAB_HWCACHE_ALIGN", added, 0);
            }
        }
        for (int page : new int[] {16384, 65536}) {
            Set<SlabFlag> none = EnumSet.noneOf(SlabFlag.class);
            CacheLayout l = new SlubLayouter().layout(spec, m.withPageSize(page));
            if (!Boolean.FALSE.equals(slubKnown) && l.objperslab() == burst) return new Variant(DmesgCache.Verdict.SLUB, page / 1024 + " KiB pages", none, page);
            l = new SlabLayouter().layout(spec, slabMachine.withPageSize(page));
            if (!Boolean.TRUE.equals(slubKnown) && l.objperslab() == burst) return new Variant(DmesgCache.Verdict.SLAB, page / 1024 + " KiB pages", none, page);
        }
        return null;
    }

    private static String debugLetters(Set<SlabFlag> f) {
        StringBuilder s = new StringBuilder();
        if (f.contains(SlabFlag.CONSISTENCY_CHECKS)) s.append('F');
        if (f.contains(SlabFlag.RED_ZONE)) s.append('Z');
        if (f.contains(SlabFlag.POISON)) s.append('P');
        if (f.contains(SlabFlag.STORE_USER)) s.append('U');
        return s.toString();
    }

    /** Objects per slab for the parameters as logged (with the command line's slub_debug), before any assumption. */
    private long predictedBefore(CacheSpec spec, Machine m, KernelLog.BootFacts boot, boolean slub) {
        if (slub) {
            EnumSet<SlabFlag> f = EnumSet.noneOf(SlabFlag.class);
            f.addAll(spec.flags());
            f.addAll(SlubDebug.flagsFor(boot.cmdline(), spec.name()));
            return new SlubLayouter().layout(withFlags(spec, f), m).objperslab();
        }
        return new SlabLayouter().layout(spec, slabMachine(m)).objperslab();
    }

    private CacheSpec spec(Acc a) {
        int size = given.objectSize() != null ? given.objectSize() : a.objectSize;
        if (size <= 0) return null;
        int align = given.align() != null ? given.align() : Math.max(0, a.align);
        EnumSet<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
        flags.addAll(a.flags);
        flags.addAll(given.flags());
        return new CacheSpec(a.name, size, align, flags, a.ctorCalls > 0, false, -1, 0);
    }

    private static CacheSpec withFlags(CacheSpec s, Set<SlabFlag> flags) {
        return new CacheSpec(s.name(), s.objectSize(), s.align(), flags, s.ctor(), s.kmalloc(), s.freeptrOffset(), s.sheafCapacity());
    }

    /** {@code hwcache=1 ctor=1 rcu=0} as the lab module prints it, or a list of flag names. */
    static Set<SlabFlag> flagWords(String text) {
        EnumSet<SlabFlag> f = EnumSet.noneOf(SlabFlag.class);
        for (String w : text.split("[\\s,|]+")) {
            String word = w.toLowerCase(Locale.ROOT);
            if (word.equals("hwcache=1") || word.contains("hwcache_align")) f.add(SlabFlag.HWCACHE_ALIGN);
            if (word.equals("rcu=1") || word.contains("typesafe_by_rcu") || word.contains("destroy_by_rcu")) f.add(SlabFlag.TYPESAFE_BY_RCU);
            if (word.contains("reclaim_account")) f.add(SlabFlag.RECLAIM_ACCOUNT);
        }
        return f;
    }

    private Machine withBootFacts(KernelLog.BootFacts boot) {
        Machine m = machine.withRelease(boot.release());
        return boot.cpus() != null ? m.withCpus(boot.cpus()) : m;
    }

    /** SLAB was removed in 6.8: its rules are those of the last release that had it. */
    private static Machine slabMachine(Machine m) {
        return m.kernel().atLeast(KernelVersion.V6_8) ? m.withKernel(LAST_SLAB) : m;
    }
}
