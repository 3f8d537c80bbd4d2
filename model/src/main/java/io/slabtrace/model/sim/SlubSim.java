package io.slabtrace.model.sim;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.layout.Tunables;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * SLUB as in Linux 6.x ({@code mm/slub.c}): a CPU slab whose freelist is served without locks, a
 * CPU partial list bounded by {@code cpu_partial_slabs}, node partial lists that keep
 * {@code min_partial} slabs, untracked full slabs, and 6.18's per-CPU sheaves where the cache has
 * a {@code sheaf_capacity}. Debug caches skip the CPU layers ({@code alloc_single_from_partial}).
 *
 * <p>Objects are {@code slab * objperslab + index}; slab ids are reused once a slab is freed, so
 * memory follows the slabs the cache holds, not the operations run.
 */
public final class SlubSim extends SimCounters implements SlabSimulator {
    private static final int UNUSED = -1, CPU_SLAB = 0, CPU_PARTIAL = 1, NODE_PARTIAL = 2, FULL = 3;
    /** MAX_FULL_SHEAVES / MAX_EMPTY_SHEAVES of a node's barn (6.18). */
    private static final int BARN_LIMIT = 10;

    private final int objs;
    private final int cpus;
    private final int nodes;
    private final int minPartial;
    private final int cpuPartialSlabs;
    private final boolean debug;
    private final boolean ctor;
    private final int sheafCapacity;

    // per slab
    private int[] state = new int[16], owner = new int[16], node = new int[16], inuse = new int[16];
    private int[] slabFree = new int[0]; // slab s's free objects at [s*objs, s*objs+slabFreeCount[s])
    private int[] slabFreeCount = new int[16];
    private final IntStack unusedIds = new IntStack(16);
    private int slabIds;
    private final SlabLists lists; // lists 0..nodes-1: node partial; nodes..nodes+cpus-1: CPU partial

    // per CPU
    private final int[] cpuSlab;
    private final int[][] cpuFree;
    private final int[] cpuFreeCount;
    private final IntStack[] mainSheaf, spareSheaf;
    // per node barn: full sheaves
    private final java.util.ArrayDeque<IntStack>[] barnFull;
    private final int[] barnEmpty;

    // per node counters (CONFIG_SLUB_DEBUG's nr_slabs, total_objects)
    private final long[] nrSlabs, totalObjects;
    private byte[] objectState = new byte[0]; // for invariants: 0 free in slab, 1 cpu freelist, 2 user, 3 sheaf

    @SuppressWarnings("unchecked")
    public SlubSim(CacheLayout layout, int nodes) {
        super(layout);
        this.objs = (int) layout.objperslab();
        this.cpus = layout.machine().cpus();
        this.nodes = Math.max(1, nodes);
        Tunables.Slub t = (Tunables.Slub) layout.tunables();
        this.minPartial = t.minPartial();
        this.cpuPartialSlabs = t.cpuPartialSlabs();
        this.debug = layout.flags().stream().anyMatch(SlabFlag.DEBUG::contains);
        this.ctor = layout.spec().ctor();
        this.sheafCapacity = t.sheafCapacity();
        this.lists = new SlabLists(this.nodes + cpus);
        slabFree = new int[state.length * objs];
        objectState = new byte[state.length * objs];
        cpuSlab = new int[cpus];
        Arrays.fill(cpuSlab, -1);
        cpuFree = new int[cpus][objs];
        cpuFreeCount = new int[cpus];
        mainSheaf = new IntStack[cpus];
        spareSheaf = new IntStack[cpus];
        for (int c = 0; c < cpus; c++) {
            mainSheaf[c] = new IntStack(Math.max(1, sheafCapacity));
            spareSheaf[c] = new IntStack(Math.max(1, sheafCapacity));
        }
        barnFull = new java.util.ArrayDeque[this.nodes];
        for (int n = 0; n < this.nodes; n++) barnFull[n] = new java.util.ArrayDeque<>();
        barnEmpty = new int[this.nodes];
        nrSlabs = new long[this.nodes];
        totalObjects = new long[this.nodes];
    }

    private int nodeOf(int cpu) {
        return cpu % nodes;
    }

    private int cpuPartialList(int cpu) {
        return nodes + cpu;
    }


    // ------------------------------------------------------------------ allocation

    @Override
    public int alloc(int cpu) {
        int obj;
        if (sheafCapacity > 0 && !debug) obj = allocFromSheaves(cpu);
        else obj = slabAlloc(cpu);
        objectState[obj] = 2;
        live++;
        return obj;
    }

    /** {@code alloc_from_pcs}: main sheaf, else swap in the spare, else a full sheaf from the barn, else refill. */
    private int allocFromSheaves(int cpu) {
        IntStack main = mainSheaf[cpu];
        if (main.isEmpty()) {
            if (!spareSheaf[cpu].isEmpty()) {
                mainSheaf[cpu] = spareSheaf[cpu];
                spareSheaf[cpu] = main;
            } else if (!barnFull[nodeOf(cpu)].isEmpty()) {
                IntStack full = barnFull[nodeOf(cpu)].poll();
                if (barnEmpty[nodeOf(cpu)] < BARN_LIMIT) barnEmpty[nodeOf(cpu)]++;
                mainSheaf[cpu] = full;
            } else {
                for (int i = 0; i < sheafCapacity; i++) { // refill a whole sheaf through the slab layers
                    int o = slabAlloc(cpu);
                    objectState[o] = 3;
                    main.push(o);
                }
                emit(SimEvent.REFILL, cpu, sheafCapacity);
            }
        }
        return mainSheaf[cpu].pop();
    }

    /** {@code slab_alloc_node} without sheaves. */
    private int slabAlloc(int cpu) {
        if (debug) return allocSingle(cpu);
        if (cpuFreeCount[cpu] > 0) return cpuFree[cpu][--cpuFreeCount[cpu]]; // fast path
        return slowAlloc(cpu);
    }

    /** {@code ___slab_alloc}. */
    private int slowAlloc(int cpu) {
        int s = cpuSlab[cpu];
        if (s >= 0) {
            if (slabFreeCount[s] > 0) { // objects freed remotely into the CPU slab: get_freelist
                takeSlabFreelist(cpu, s);
                emit(SimEvent.REFILL, cpu, cpuFreeCount[cpu]);
                return cpuFree[cpu][--cpuFreeCount[cpu]];
            }
            state[s] = FULL; // exhausted: drops off without list work (deactivate_bypass)
            cpuSlab[cpu] = -1;
        }
        int pl = cpuPartialList(cpu);
        if (lists.head(pl) != SlabLists.NONE) { // cpu partial list
            int p = lists.head(pl);
            lists.unlink(p);
            install(cpu, p);
            return cpuFree[cpu][--cpuFreeCount[cpu]];
        }
        int n = nodeOf(cpu);
        if (lists.head(n) != SlabLists.NONE) { // get_partial_node
            int first = lists.head(n);
            lists.unlink(first);
            emit(SimEvent.LIST_MOVE, cpu, 1);
            int extra = 0;
            while (cpuPartialSlabs > 0 && lists.head(n) != SlabLists.NONE) {
                int more = lists.head(n);
                lists.unlink(more);
                putCpuPartial(cpu, more, false);
                extra++;
                if (extra > cpuPartialSlabs / 2) break;
            }
            install(cpu, first);
            return cpuFree[cpu][--cpuFreeCount[cpu]];
        }
        int fresh = newSlab(cpu, n);
        install(cpu, fresh);
        return cpuFree[cpu][--cpuFreeCount[cpu]];
    }

    /** Makes {@code s} the CPU slab and takes its whole freelist (it is frozen: inuse = objects). */
    private void install(int cpu, int s) {
        state[s] = CPU_SLAB;
        owner[s] = cpu;
        cpuSlab[cpu] = s;
        takeSlabFreelist(cpu, s);
    }

    private void takeSlabFreelist(int cpu, int s) {
        int base = s * objs;
        int k = slabFreeCount[s];
        int[] dst = cpuFree[cpu];
        int c = cpuFreeCount[cpu];
        for (int i = 0; i < k; i++) {
            int o = slabFree[base + i];
            dst[c++] = o;
            objectState[o] = 1;
        }
        cpuFreeCount[cpu] = c;
        slabFreeCount[s] = 0;
        inuse[s] = objs;
    }

    /** {@code allocate_slab}: pages from the buddy allocator, the constructor on every object as it is linked. */
    private int newSlab(int cpu, int n) {
        int s = unusedIds.isEmpty() ? slabIds++ : unusedIds.pop();
        ensureSlab(s);
        node[s] = n;
        inuse[s] = 0;
        int base = s * objs;
        for (int i = 0; i < objs; i++) {
            slabFree[base + i] = base + objs - 1 - i; // object 0 is handed out first
            objectState[base + i] = 0;
        }
        slabFreeCount[s] = objs;
        nrSlabs[n]++;
        totalObjects[n] += objs;
        grew(cpu, objs, ctor); // allocate_slab: setup_object on every object
        return s;
    }

    private void ensureSlab(int s) {
        if (s < state.length) return;
        int n = Math.max(state.length * 2, s + 1);
        state = Arrays.copyOf(state, n);
        owner = Arrays.copyOf(owner, n);
        node = Arrays.copyOf(node, n);
        inuse = Arrays.copyOf(inuse, n);
        slabFreeCount = Arrays.copyOf(slabFreeCount, n);
        slabFree = Arrays.copyOf(slabFree, n * objs);
        objectState = Arrays.copyOf(objectState, n * objs);
        lists.ensure(n);
    }

    /** Debug caches: one object at a time from a node partial slab or a new one, under the node lock. */
    private int allocSingle(int cpu) {
        int n = nodeOf(cpu);
        int s = lists.head(n);
        if (s == SlabLists.NONE) {
            s = newSlab(cpu, n);
            state[s] = NODE_PARTIAL;
            lists.addHead(n, s);
        }
        int o = slabFree[s * objs + --slabFreeCount[s]];
        inuse[s]++;
        if (inuse[s] == objs) {
            lists.unlink(s);
            state[s] = FULL;
        }
        return o;
    }

    @Override
    int prefillSlab() {
        return newSlab(0, 0);
    }

    @Override
    int takeForUser(int s) {
        int o = slabFree[s * objs + --slabFreeCount[s]];
        objectState[o] = 2;
        inuse[s]++;
        return o;
    }

    /**
     * The start {@code where} describes, on node 0: full slabs, node partial slabs sharing {@code partialInUse}, then one
     * slab per CPU installed as its CPU slab (further ones, and the CPU partial slabs, on the CPUs' partial lists in
     * turn), the per-CPU slabs sharing {@code cpuInUse}. Objects handed out go to {@code held}, as {@link #prefill}'s.
     */
    public void prefill(SlubStart where, IntConsumer held) {
        if (grown != 0) throw new IllegalStateException("prefill runs on a new model only");
        long perCpuSlabs = where.cpuSlabs() + where.cpuPartialSlabs();
        if (where.partialInUse() > where.partialSlabs() * (objs - 1L) || where.cpuInUse() > perCpuSlabs * objs) {
            throw new IllegalArgumentException("in-use objects do not fit the slabs: " + where);
        }
        for (long k = 0; k < where.fullSlabs(); k++) {
            int s = prefillSlab();
            for (int i = 0; i < objs; i++) hold(s, held);
            state[s] = FULL;
        }
        for (long k = 0; k < where.partialSlabs(); k++) {
            int s = prefillSlab();
            for (long i = share(where.partialInUse(), where.partialSlabs(), k); i > 0; i--) hold(s, held);
            state[s] = NODE_PARTIAL;
            lists.addTail(0, s);
        }
        for (long k = 0; k < perCpuSlabs; k++) {
            int s = prefillSlab();
            for (long i = share(where.cpuInUse(), perCpuSlabs, k); i > 0; i--) hold(s, held);
            int cpu = (int) (k % cpus);
            if (k < Math.min(where.cpuSlabs(), cpus)) {
                install(cpu, s);
            } else {
                state[s] = CPU_PARTIAL;
                owner[s] = cpu;
                lists.addHead(cpuPartialList(cpu), s);
            }
        }
    }

    /** A full slab is on no list, as {@code ___slab_alloc} leaves it; the others wait on node 0's partial list. */
    @Override
    void listPrefilled(int s) {
        if (inuse[s] == objs) {
            state[s] = FULL;
        } else {
            state[s] = NODE_PARTIAL;
            lists.addTail(0, s);
        }
    }

    // ------------------------------------------------------------------ free

    @Override
    public void free(int cpu, int obj) {
        if (objectState[obj] != 2) throw new IllegalStateException("object " + obj + " is not allocated");
        live--;
        int s = obj / objs;
        if (sheafCapacity > 0 && !debug && node[s] == nodeOf(cpu)) {
            freeToSheaves(cpu, obj);
            return;
        }
        slabFree(cpu, obj);
    }

    /** {@code free_to_pcs}. */
    private void freeToSheaves(int cpu, int obj) {
        IntStack main = mainSheaf[cpu];
        if (main.size() == sheafCapacity) {
            int n = nodeOf(cpu);
            if (spareSheaf[cpu].isEmpty()) {
                mainSheaf[cpu] = spareSheaf[cpu];
                spareSheaf[cpu] = main;
            } else if (barnFull[n].size() < BARN_LIMIT) {
                barnFull[n].add(main);
                if (barnEmpty[n] > 0) barnEmpty[n]--;
                mainSheaf[cpu] = new IntStack(sheafCapacity);
            } else {
                flushSheaf(cpu, main); // the barn is full: back to the slabs
            }
        }
        objectState[obj] = 3;
        mainSheaf[cpu].push(obj);
    }

    private void flushSheaf(int cpu, IntStack sheaf) {
        int k = sheaf.size();
        while (!sheaf.isEmpty()) slabFree(cpu, sheaf.pop());
        if (k > 0) emit(SimEvent.FLUSH, cpu, k);
    }

    /** {@code do_slab_free}: fast path into this CPU's slab, else {@code __slab_free}. */
    private void slabFree(int cpu, int obj) {
        int s = obj / objs;
        if (!debug && cpuSlab[cpu] == s) {
            cpuFree[cpu][cpuFreeCount[cpu]++] = obj;
            objectState[obj] = 1;
            return;
        }
        if (node[s] != nodeOf(cpu)) emit(SimEvent.REMOTE_FREE, cpu, 1);
        boolean wasFull = slabFreeCount[s] == 0;
        slabFree[s * objs + slabFreeCount[s]++] = obj;
        objectState[obj] = 0;
        inuse[s]--;
        int n = node[s];
        if (debug) { // free_to_partial_list: nr_partial is counted before the slab is (re)listed
            boolean empty = inuse[s] == 0 && lists.size(n) >= minPartial;
            if (wasFull && !empty) {
                state[s] = NODE_PARTIAL;
                lists.addTail(n, s);
            } else if (!wasFull && empty) {
                lists.unlink(s);
            }
            if (empty) discard(cpu, s);
            return;
        }
        if (state[s] == CPU_SLAB || state[s] == CPU_PARTIAL) return; // someone's CPU slab or CPU partial slab
        if (wasFull) {
            if (cpuPartialSlabs > 0) putCpuPartial(cpu, s, true);
            else {
                state[s] = NODE_PARTIAL;
                lists.addTail(n, s);
            }
            return;
        }
        if (inuse[s] == 0 && lists.size(n) >= minPartial) { // node partial slab became empty
            lists.unlink(s);
            discard(cpu, s);
        }
    }

    /** {@code put_cpu_partial}: push on this CPU's list; a full list is first flushed to the node lists. */
    private void putCpuPartial(int cpu, int s, boolean drain) {
        int pl = cpuPartialList(cpu);
        if (drain && lists.size(pl) >= cpuPartialSlabs && lists.size(pl) > 0) {
            putPartials(cpu);
            emit(SimEvent.FLUSH, cpu, 1);
        }
        state[s] = CPU_PARTIAL;
        owner[s] = cpu;
        lists.addHead(pl, s);
        emit(SimEvent.LIST_MOVE, cpu, 1);
    }

    /** {@code __put_partials}: each CPU partial slab to its node list's tail, or freed if empty and the node has enough. */
    private void putPartials(int cpu) {
        int pl = cpuPartialList(cpu);
        for (int s = lists.head(pl); s != SlabLists.NONE; s = lists.head(pl)) {
            lists.unlink(s);
            int n = node[s];
            if (inuse[s] == 0 && lists.size(n) >= minPartial) {
                discard(cpu, s);
            } else {
                state[s] = NODE_PARTIAL;
                lists.addTail(n, s);
            }
        }
    }

    /** {@code deactivate_slab}: the CPU slab gives its freelist back and goes to a node list (or is freed). */
    private void deactivate(int cpu) {
        int s = cpuSlab[cpu];
        if (s < 0) return;
        boolean remoteFrees = slabFreeCount[s] > 0;
        int base = s * objs;
        int k = cpuFreeCount[cpu];
        for (int i = 0; i < k; i++) {
            int o = cpuFree[cpu][i];
            slabFree[base + slabFreeCount[s]++] = o;
            objectState[o] = 0;
        }
        cpuFreeCount[cpu] = 0;
        inuse[s] -= k;
        cpuSlab[cpu] = -1;
        int n = node[s];
        emit(SimEvent.FLUSH, cpu, k);
        if (inuse[s] == 0 && lists.size(n) >= minPartial) {
            discard(cpu, s);
        } else if (slabFreeCount[s] > 0) {
            state[s] = NODE_PARTIAL;
            if (remoteFrees) lists.addTail(n, s);
            else lists.addHead(n, s);
        } else {
            state[s] = FULL;
        }
    }

    private void discard(int cpu, int s) {
        int n = node[s];
        nrSlabs[n]--;
        totalObjects[n] -= objs;
        state[s] = UNUSED;
        slabFreeCount[s] = 0;
        unusedIds.push(s);
        freed++;
        emit(SimEvent.SLAB_FREED, cpu, 1);
    }

    // ------------------------------------------------------------------ maintenance

    @Override
    public void tick(long millis) {
        // SLUB has no periodic reaper: objects stay in CPU slabs and partial lists until flushed
    }

    /** {@code flush_all} then {@code __kmem_cache_do_shrink}: every empty node partial slab is freed. */
    @Override
    public void shrink() {
        for (int c = 0; c < cpus; c++) {
            flushSheaf(c, mainSheaf[c]);
            flushSheaf(c, spareSheaf[c]);
        }
        for (int n = 0; n < nodes; n++) {
            while (!barnFull[n].isEmpty()) flushSheaf(n % cpus, barnFull[n].poll());
            barnEmpty[n] = 0;
        }
        for (int c = 0; c < cpus; c++) {
            deactivate(c);
            putPartials(c);
        }
        for (int n = 0; n < nodes; n++) {
            for (int s = lists.head(n); s != SlabLists.NONE; ) {
                int next = lists.next(s);
                if (inuse[s] == 0) {
                    lists.unlink(s);
                    discard(0, s);
                }
                s = next;
            }
        }
    }

    @Override
    public long destroy() {
        shrink();
        return live;
    }

    // ------------------------------------------------------------------ observation

    /** {@code get_slabinfo} for SLUB: free objects are counted on node partial lists only. */
    @Override
    public CacheStats slabinfo() {
        long slabs = 0, total = 0, free = 0;
        for (int n = 0; n < nodes; n++) {
            slabs += nrSlabs[n];
            total += totalObjects[n];
            for (int s = lists.head(n); s != SlabLists.NONE; s = lists.next(s)) free += objs - inuse[s];
        }
        return new CacheStats(layout.spec().name(), total - free, total, layout.slotSize(), objs, layout.pagesperslab(),
                0, 0, 0, slabs, slabs, 0, false, null);
    }

    /** sysfs {@code objects_partial}: allocated objects in node partial slabs. */
    public long objectsPartial() {
        long n = 0;
        for (int nd = 0; nd < nodes; nd++) for (int s = lists.head(nd); s != SlabLists.NONE; s = lists.next(s)) n += inuse[s];
        return n;
    }

    /** sysfs {@code partial}. */
    public long partialSlabs() {
        long n = 0;
        for (int nd = 0; nd < nodes; nd++) n += lists.size(nd);
        return n;
    }

    /** sysfs {@code cpu_slabs}: CPU slabs plus CPU partial slabs. */
    public long cpuSlabs() {
        long n = 0;
        for (int c = 0; c < cpus; c++) n += (cpuSlab[c] >= 0 ? 1 : 0) + lists.size(cpuPartialList(c));
        return n;
    }

    /** sysfs {@code slabs_cpu_partial}'s slab count. */
    public long cpuPartialSlabs() {
        long n = 0;
        for (int c = 0; c < cpus; c++) n += lists.size(cpuPartialList(c));
        return n;
    }

    @Override
    public void checkInvariants() {
        long slabs = 0, objects = 0, user = 0;
        for (int s = 0; s < slabIds; s++) {
            if (state[s] == UNUSED) continue;
            slabs++;
            int base = s * objs;
            int inSlab = 0, inCpu = 0;
            for (int i = 0; i < objs; i++) {
                byte st = objectState[base + i];
                if (st == 0) inSlab++;
                else if (st == 1) inCpu++;
            }
            objects += objs;
            user += objectState.length > 0 ? countUser(base) : 0;
            if (inSlab != slabFreeCount[s]) throw new IllegalStateException("slab " + s + ": " + inSlab + " free objects, freelist " + slabFreeCount[s]);
            if (state[s] == CPU_SLAB) {
                if (cpuSlab[owner[s]] != s || inCpu != cpuFreeCount[owner[s]]) throw new IllegalStateException("cpu slab " + s + " disagrees");
            } else if (inCpu != 0) {
                throw new IllegalStateException("slab " + s + " has objects on a CPU freelist but is not a CPU slab");
            }
            // objects on a CPU freelist count as in use: the CPU owns them
            if (inuse[s] != objs - inSlab) throw new IllegalStateException("slab " + s + " inuse " + inuse[s] + " != " + (objs - inSlab));
            int list = lists.list(s);
            boolean onNode = list >= 0 && list < nodes, onCpu = list >= nodes;
            if ((state[s] == NODE_PARTIAL) != onNode) throw new IllegalStateException("slab " + s + " state/list disagree");
            if ((state[s] == CPU_PARTIAL) != onCpu) throw new IllegalStateException("slab " + s + " cpu partial state/list disagree");
            if (state[s] == FULL && inSlab != 0 && !debug) throw new IllegalStateException("full slab " + s + " has free objects");
            if (state[s] == NODE_PARTIAL && inSlab == 0) throw new IllegalStateException("node partial slab " + s + " is full");
        }
        long recorded = 0, totalRecorded = 0;
        for (int n = 0; n < nodes; n++) {
            recorded += nrSlabs[n];
            totalRecorded += totalObjects[n];
        }
        if (recorded != slabs || totalRecorded != objects) throw new IllegalStateException("node counters disagree with a recount");
        if (user != live) throw new IllegalStateException("live " + live + " but " + user + " objects held by the user");
        if (ctor && ctorCalls != grown * objs) throw new IllegalStateException("constructor calls != grown slabs x objects per slab");
    }

    private int countUser(int base) {
        int n = 0;
        for (int i = 0; i < objs; i++) if (objectState[base + i] == 2) n++;
        return n;
    }
}
