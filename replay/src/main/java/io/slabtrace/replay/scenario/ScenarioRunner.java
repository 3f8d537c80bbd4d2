package io.slabtrace.replay.scenario;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.Layouter;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.scenario.Op;
import io.slabtrace.model.scenario.Scenario;
import io.slabtrace.model.scenario.Selector;
import io.slabtrace.model.sim.SimEvent;
import io.slabtrace.model.sim.SlabSim;
import io.slabtrace.model.sim.SlabSimulator;
import io.slabtrace.model.sim.SlubSim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runs a workload scenario through an allocator model and records what each snapshot would show. */
public final class ScenarioRunner {
    private final Allocator allocator;
    private final Machine machine;
    private final int nodes;

    public ScenarioRunner(Allocator allocator, Machine machine, int nodes) {
        this.allocator = allocator;
        this.machine = machine;
        this.nodes = nodes;
    }

    /**
     * Live objects a scenario may hold, over all its caches: 2^22, so a run stays within a 256 MB heap (each object
     * costs the runner 12 bytes and the model a slot). A scenario asking for more is refused at its line.
     */
    public static final long MAX_LIVE = 1L << 22;

    /** A cache being simulated, with its live objects in allocation order (#1 first). */
    private static final class Running {
        final SlabSimulator sim;
        int[] objects = new int[64];
        long[] numbers = new long[64];
        int size;
        long allocated;
        boolean destroyed;
        final Map<SimEvent, long[]> events = new EnumMap<>(SimEvent.class);

        Running(SlabSimulator sim) {
            this.sim = sim;
            sim.listener((e, cpu, n) -> {
                long[] c = events.computeIfAbsent(e, k -> new long[2]);
                c[0]++;
                c[1] += n;
            });
        }

        void add(int obj) {
            if (size == objects.length) {
                objects = Arrays.copyOf(objects, size * 2);
                numbers = Arrays.copyOf(numbers, size * 2);
            }
            objects[size] = obj;
            numbers[size++] = ++allocated;
        }
    }

    /** @throws IllegalArgumentException {@code FILE:LINE: what is wrong} for a scenario that cannot run */
    public SimulationResult run(Scenario scenario) {
        Map<String, Running> caches = new LinkedHashMap<>();
        Running current = null;
        int cpu = 0;
        List<SimulationResult.Snap> snaps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Layouter layouter = Layouter.of(allocator);
        for (Op op : scenario.ops()) {
            String where = scenario.source() + ":" + op.line() + ": ";
            if (op instanceof Op.Cache c) {
                Running r = caches.get(c.name());
                if (r == null) {
                    if (c.size() < 1) throw new IllegalArgumentException(where + "cache " + c.name() + " needs size=N where it is first declared");
                    CacheLayout l = layouter.layout(new CacheSpec(c.name(), c.size(), c.align(), c.flags(), c.ctor(), false, -1, 0), machine);
                    r = new Running(allocator == Allocator.SLAB ? new SlabSim(l, nodes) : new SlubSim(l, nodes));
                    caches.put(c.name(), r);
                }
                current = r;
            } else if (op instanceof Op.Cpu c) {
                if (c.cpu() >= machine.cpus()) throw new IllegalArgumentException(where + "cpu " + c.cpu() + ", but the machine has " + machine.cpus() + " CPUs (--cpus)");
                cpu = c.cpu();
            } else if (op instanceof Op.Snapshot s) {
                List<SimCacheState> states = new ArrayList<>();
                for (Running r : caches.values()) states.add(state(r));
                snaps.add(new SimulationResult.Snap(s.label(), s.line(), states));
            } else {
                if (current == null) throw new IllegalArgumentException(where + "no cache declared yet ('cache NAME size=N' first)");
                if (current.destroyed) throw new IllegalArgumentException(where + "the cache was destroyed");
                Running r = current;
                if (op instanceof Op.Alloc a) {
                    long live = caches.values().stream().mapToLong(x -> x.size).sum();
                    if (live + a.count() > MAX_LIVE) {
                        throw new IllegalArgumentException(where + "alloc " + a.count() + " would make " + (live + a.count())
                                + " live objects; the simulator holds at most " + MAX_LIVE + " (2^22)");
                    }
                    for (int i = 0; i < a.count(); i++) r.add(r.sim.alloc(cpu));
                } else if (op instanceof Op.Free f) {
                    free(r, cpu, f.which());
                } else if (op instanceof Op.Tick t) {
                    for (Running any : caches.values()) if (!any.destroyed) any.sim.tick(t.millis());
                } else if (op instanceof Op.Shrink) {
                    r.sim.shrink();
                } else if (op instanceof Op.Destroy) {
                    long live = r.sim.destroy();
                    r.destroyed = true;
                    if (live > 0) notes.add(where + "kmem_cache_destroy " + r.sim.layout().spec().name() + " with " + live
                            + " objects still allocated: the kernel warns 'Slab cache still has objects' and leaks them");
                }
            }
        }
        return new SimulationResult(snaps, notes);
    }

    private static SimCacheState state(Running r) {
        Map<SimEvent, long[]> events = new EnumMap<>(SimEvent.class);
        r.events.forEach((k, v) -> events.put(k, v.clone()));
        r.events.clear();
        SlubSim slub = r.sim instanceof SlubSim s ? s : null;
        return new SimCacheState(r.sim.slabinfo(), r.sim.ctorCalls(), r.sim.slabsGrown(), r.sim.slabsFreed(), r.sim.live(), events,
                slub == null ? null : slub.objectsPartial(), slub == null ? null : slub.partialSlabs(),
                slub == null ? null : slub.cpuSlabs(), slub == null ? null : slub.cpuPartialSlabs(), r.destroyed);
    }

    /** Frees the selected live objects, in allocation order. */
    private static void free(Running r, int cpu, Selector which) {
        boolean[] pick = new boolean[r.size];
        if (which instanceof Selector.All) Arrays.fill(pick, true);
        else if (which instanceof Selector.Every e) for (int i = e.n() - 1; i < r.size; i += e.n()) pick[i] = true;
        else if (which instanceof Selector.First f) for (int i = 0; i < Math.min(f.n(), r.size); i++) pick[i] = true;
        else if (which instanceof Selector.Last l) for (int i = Math.max(0, r.size - l.n()); i < r.size; i++) pick[i] = true;
        else if (which instanceof Selector.Range g) for (int i = 0; i < r.size; i++) pick[i] = r.numbers[i] >= g.from() && r.numbers[i] <= g.to();
        else if (which instanceof Selector.Random rnd) {
            Random random = new Random(rnd.seed());
            for (int i = 0; i < r.size; i++) pick[i] = random.nextInt(100) < rnd.percent();
        }
        int kept = 0;
        for (int i = 0; i < r.size; i++) {
            if (pick[i]) {
                r.sim.free(cpu, r.objects[i]);
            } else {
                r.objects[kept] = r.objects[i];
                r.numbers[kept++] = r.numbers[i];
            }
        }
        r.size = kept;
    }
}
