package io.slabtrace.model.sim;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.SlabDebugStats;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Tunables;

import java.util.Arrays;

/**
 * Classic SLAB as in Linux 4.6 – 6.7 ({@code mm/slab.c}): per-CPU {@code array_cache}s, a per-node
 * {@code shared} array, {@code alien} arrays for frees of other nodes' objects, and per-node
 * {@code slabs_full}, {@code slabs_partial}, {@code slabs_free} lists with {@code free_objects} and
 * {@code free_limit}; {@code cache_reap} every 2 s per CPU and 4 s per node. With CONFIG_DEBUG_SLAB
 * the statistics columns are kept as the kernel keeps them.
 */
public final class SlabSim extends SimCounters implements SlabSimulator {
    private static final int FULL = 0, PARTIAL = 1, FREE = 2;
    private static final int BATCHREFILL_LIMIT = 16;
    private static final long REAPTIMEOUT_AC = 2000, REAPTIMEOUT_NODE = 4000;

    private final int num;
    private final int cpus;
    private final int nodes;
    private final int limit, batchcount, sharedfactor;
    private final boolean ctor, ctorPerAlloc, debugStats;
    private final long colours;

    // per slab
    private int[] node = new int[16], active = new int[16];
    private int[] freeIdx = new int[0]; // slab s: free objects at [s*num, s*num + num - active[s])
    private final IntStack unusedIds = new IntStack(16);
    private int slabIds;
    private boolean[] used = new boolean[16];
    private final SlabLists lists; // node n: lists 3n (full), 3n+1 (partial), 3n+2 (free)

    // per node
    private final long[] freeObjects, totalSlabs, freeSlabs, freeLimit, nextReap;
    private final boolean[] freeTouched, sharedTouched;
    private final IntStack[] shared;
    private final IntStack[][] alien; // [local node][remote node]
    private final long[] colourNext;

    // per CPU
    private final IntStack[] array;
    private final boolean[] touched;
    private final long[] nextReapCpu;
    private final int[] alienRotor;
    /** Grows whenever a reap changes something; a run of reaps that leave it alone means the cache is idle. */
    private long reapWork;

    private long now;
    // CONFIG_DEBUG_SLAB statistics (slabinfo_show_stats)
    private long listallocs, numActive, highMark, reaped, maxFreeable, nodeAllocs, remoteFrees, alienOverflow;
    private long allocHit, allocMiss, freeHit, freeMiss;
    private byte[] objectState = new byte[0]; // 0 free in slab, 1 cpu array, 2 user, 3 shared, 4 alien

    public SlabSim(CacheLayout layout, int nodes) {
        super(layout);
        this.num = (int) layout.objperslab();
        this.cpus = layout.machine().cpus();
        this.nodes = Math.max(1, nodes);
        Tunables.Slab t = (Tunables.Slab) layout.tunables();
        this.limit = t.limit();
        this.batchcount = t.batchcount();
        this.sharedfactor = t.sharedfactor();
        this.ctor = layout.spec().ctor();
        this.ctorPerAlloc = layout.ctorPerAllocation();
        this.debugStats = layout.machine().debugSlab();
        this.colours = layout.colour();
        this.lists = new SlabLists(3 * this.nodes);
        freeIdx = new int[node.length * num];
        objectState = new byte[node.length * num];
        freeObjects = new long[this.nodes];
        totalSlabs = new long[this.nodes];
        freeSlabs = new long[this.nodes];
        freeLimit = new long[this.nodes];
        nextReap = new long[this.nodes];
        freeTouched = new boolean[this.nodes];
        sharedTouched = new boolean[this.nodes];
        colourNext = new long[this.nodes];
        shared = new IntStack[this.nodes];
        alien = new IntStack[this.nodes][this.nodes];
        for (int n = 0; n < this.nodes; n++) {
            int cpusOnNode = 0;
            for (int c = 0; c < cpus; c++) if (c % this.nodes == n) cpusOnNode++;
            freeLimit[n] = (1L + cpusOnNode) * batchcount + num; // setup_kmem_cache_node
            nextReap[n] = REAPTIMEOUT_NODE;
            shared[n] = sharedfactor > 0 ? new IntStack(sharedfactor * batchcount) : null;
            if (this.nodes > 1) for (int r = 0; r < this.nodes; r++) if (r != n) alien[n][r] = new IntStack(alienLimit());
        }
        array = new IntStack[cpus];
        touched = new boolean[cpus];
        nextReapCpu = new long[cpus];
        alienRotor = new int[cpus];
        for (int c = 0; c < cpus; c++) {
            array[c] = new IntStack(limit);
            nextReapCpu[c] = REAPTIMEOUT_AC;
        }
    }

    /** Alien arrays hold 12 pointers, or {@code limit} when that is 1 ({@code alloc_alien_cache}). */
    private int alienLimit() {
        return limit == 1 ? 1 : 12;
    }

    private int sharedLimit() {
        return sharedfactor * batchcount;
    }

    private int nodeOf(int cpu) {
        return cpu % nodes;
    }


    // ------------------------------------------------------------------ allocation

    /** {@code ____cache_alloc}. */
    @Override
    public int alloc(int cpu) {
        IntStack ac = array[cpu];
        int obj;
        if (!ac.isEmpty()) {
            allocHit++;
            touched[cpu] = true;
            obj = ac.pop();
        } else {
            allocMiss++;
            obj = refill(cpu);
        }
        objectState[obj] = 2;
        live++;
        if (ctorPerAlloc) { // cache_alloc_debugcheck_after: poisoning destroyed the constructed state
            ctorCalls++;
            emit(SimEvent.CTOR, cpu, 1);
        }
        return obj;
    }

    /** {@code cache_alloc_refill}. */
    private int refill(int cpu) {
        IntStack ac = array[cpu];
        int batch = batchcount;
        if (!touched[cpu] && batch > BATCHREFILL_LIMIT) batch = BATCHREFILL_LIMIT;
        int n = nodeOf(cpu);
        IntStack sh = shared[n];
        if (freeObjects[n] != 0 || (sh != null && !sh.isEmpty())) {
            if (sh != null && !sh.isEmpty()) { // transfer_objects: the newest entries of the shared array
                int k = Math.min(sh.size(), Math.min(batch, limit - ac.size()));
                sh.moveTopTo(k, ac);
                for (int i = ac.size() - k; i < ac.size(); i++) objectState[ac.get(i)] = 1;
                sharedTouched[n] = true;
                emit(SimEvent.REFILL, cpu, k);
                touched[cpu] = true;
                return ac.pop();
            }
            while (batch > 0) {
                int s = lists.head(3 * n + PARTIAL);
                if (s == SlabLists.NONE) {
                    s = lists.head(3 * n + FREE);
                    if (s == SlabLists.NONE) break;
                    freeSlabs[n]--;
                    freeTouched[n] = true;
                }
                batch = allocBlock(cpu, s, batch);
                lists.unlink(s);
                if (active[s] == num) lists.addHead(3 * n + FULL, s);
                else lists.addHead(3 * n + PARTIAL, s);
            }
            freeObjects[n] -= ac.size();
            if (!ac.isEmpty()) emit(SimEvent.REFILL, cpu, ac.size());
        }
        if (ac.isEmpty()) { // cache_grow_begin, alloc_block, cache_grow_end
            int s = grow(cpu, n);
            allocBlock(cpu, s, batch);
            if (active[s] == 0) {
                lists.addTail(3 * n + FREE, s);
                freeSlabs[n]++;
            } else if (active[s] == num) {
                lists.addHead(3 * n + FULL, s);
            } else {
                lists.addHead(3 * n + PARTIAL, s);
            }
            totalSlabs[n]++;
            freeObjects[n] += num - active[s];
            emit(SimEvent.REFILL, cpu, ac.size());
        }
        touched[cpu] = true;
        return ac.pop();
    }

    /** {@code alloc_block}: up to {@code batch} objects of slab {@code s} into the CPU array; returns what is left of the batch. */
    private int allocBlock(int cpu, int s, int batch) {
        IntStack ac = array[cpu];
        int base = s * num;
        while (active[s] < num && batch > 0) {
            int obj = freeIdx[base + num - 1 - active[s]];
            active[s]++;
            ac.push(obj);
            objectState[obj] = 1;
            listallocs++;
            numActive++;
            if (numActive > highMark) highMark = numActive;
            batch--;
        }
        return batch;
    }

    @Override
    int prefillSlab() {
        return grow(0, 0);
    }

    @Override
    int takeForUser(int s) {
        int o = freeIdx[s * num + num - 1 - active[s]];
        active[s]++;
        objectState[o] = 2;
        highMark = Math.max(highMark, ++numActive);
        return o;
    }

    /** On node 0's full, partial or free list by what it holds, counted in the node's free_objects and slabs. */
    @Override
    void listPrefilled(int s) {
        if (active[s] == 0) {
            lists.addTail(FREE, s);
            freeSlabs[0]++;
        } else {
            lists.addHead(active[s] == num ? FULL : PARTIAL, s);
        }
        totalSlabs[0]++;
        freeObjects[0] += num - active[s];
    }

    /** {@code cache_grow_begin}: new pages, the next colour, the constructor on every object (unless it runs per allocation). */
    private int grow(int cpu, int n) {
        int s = unusedIds.isEmpty() ? slabIds++ : unusedIds.pop();
        ensureSlab(s);
        used[s] = true;
        node[s] = n;
        active[s] = 0;
        int base = s * num;
        for (int i = 0; i < num; i++) {
            freeIdx[base + num - 1 - i] = base + i; // index array 0, 1, ..., num-1: lowest address first
            objectState[base + i] = 0;
        }
        colourNext[n] = colours <= 1 ? 0 : (colourNext[n] + 1) % colours;
        grew(cpu, num, ctor && !ctorPerAlloc); // cache_grow; with poisoning the constructor runs per allocation instead
        return s;
    }

    private void ensureSlab(int s) {
        if (s < node.length) return;
        int n = Math.max(node.length * 2, s + 1);
        node = Arrays.copyOf(node, n);
        active = Arrays.copyOf(active, n);
        used = Arrays.copyOf(used, n);
        freeIdx = Arrays.copyOf(freeIdx, n * num);
        objectState = Arrays.copyOf(objectState, n * num);
        lists.ensure(n);
    }

    // ------------------------------------------------------------------ free

    /** {@code ___cache_free}. */
    @Override
    public void free(int cpu, int obj) {
        if (objectState[obj] != 2) throw new IllegalStateException("object " + obj + " is not allocated");
        live--;
        int local = nodeOf(cpu), home = node[obj / num];
        if (home != local) { // cache_free_alien
            remoteFrees++;
            emit(SimEvent.REMOTE_FREE, cpu, 1);
            IntStack a = alien[local][home];
            if (a.size() == alienLimit()) {
                alienOverflow++;
                drainAlien(cpu, a, home);
            }
            a.push(obj);
            objectState[obj] = 4;
            return;
        }
        IntStack ac = array[cpu];
        if (ac.size() < limit) {
            freeHit++;
        } else {
            freeMiss++;
            flushArray(cpu);
        }
        ac.push(obj);
        objectState[obj] = 1;
    }

    /** {@code __drain_alien_cache}: to the home node's shared array as far as it has room, the rest back into slabs. */
    private void drainAlien(int cpu, IntStack a, int home) {
        IntStack sh = shared[home];
        if (sh != null) {
            int k = Math.min(a.size(), sharedLimit() - sh.size());
            if (k > 0) {
                IntStack moved = new IntStack(k);
                a.takeBottom(k, moved);
                for (int i = 0; i < k; i++) {
                    sh.push(moved.get(i));
                    objectState[moved.get(i)] = 3;
                }
            }
        }
        if (!a.isEmpty()) {
            IntStack rest = new IntStack(a.size());
            a.takeBottom(a.size(), rest);
            freeBlock(cpu, rest, home);
        }
    }

    /** {@code cache_flusharray}: the oldest {@code batchcount} entries to the shared array, or back into their slabs. */
    private void flushArray(int cpu) {
        IntStack ac = array[cpu];
        int batch = batchcount;
        int n = nodeOf(cpu);
        IntStack sh = shared[n];
        emit(SimEvent.FLUSH, cpu, batch);
        if (sh != null) {
            int room = sharedLimit() - sh.size();
            if (room > 0) {
                batch = Math.min(batch, room);
                IntStack moved = scratch(batch);
                ac.takeBottom(batch, moved);
                for (int i = 0; i < batch; i++) {
                    sh.push(moved.get(i));
                    objectState[moved.get(i)] = 3;
                }
                return;
            }
        }
        IntStack moved = scratch(batch);
        ac.takeBottom(batch, moved);
        freeBlock(cpu, moved, n);
        if (debugStats) maxFreeable = Math.max(maxFreeable, lists.size(3 * n + FREE));
    }

    private final IntStack scratch = new IntStack(64);

    private IntStack scratch(int capacity) {
        scratch.clear();
        return scratch;
    }

    /** {@code free_block}: objects back into their slabs, slabs moved between lists, free slabs beyond free_limit destroyed. */
    private void freeBlock(int cpu, IntStack objs, int n) {
        int count = objs.size();
        freeObjects[n] += count;
        for (int i = 0; i < count; i++) {
            int obj = objs.get(i);
            int s = obj / num;
            lists.unlink(s);
            active[s]--;
            freeIdx[s * num + num - 1 - active[s]] = obj;
            objectState[obj] = 0;
            numActive--;
            if (active[s] == 0) {
                lists.addHead(3 * n + FREE, s);
                freeSlabs[n]++;
            } else {
                lists.addTail(3 * n + PARTIAL, s);
            }
        }
        emit(SimEvent.LIST_MOVE, cpu, count);
        while (freeObjects[n] > freeLimit[n] && lists.tail(3 * n + FREE) != SlabLists.NONE) {
            int s = lists.tail(3 * n + FREE);
            lists.unlink(s);
            freeObjects[n] -= num;
            freeSlabs[n]--;
            totalSlabs[n]--;
            destroySlab(cpu, s);
        }
    }

    private void destroySlab(int cpu, int s) {
        used[s] = false;
        unusedIds.push(s);
        freed++;
        emit(SimEvent.SLAB_FREED, cpu, 1);
    }

    // ------------------------------------------------------------------ reaping and shrinking

    /**
     * Runs every {@code cache_reap} that falls due within the next {@code millis}. Once reaps stop changing anything
     * (arrays and free lists drained), the schedule repeats every {@code REAPTIMEOUT_NODE}: whole periods are then
     * skipped in closed form, so an idle {@code tick 9223372036854775807} returns at once. The clock stops at
     * {@link #MAX_CLOCK}.
     */
    @Override
    public void tick(long millis) {
        if (millis < 0) throw new IllegalArgumentException("time does not run backwards: tick " + millis);
        long end = now + Math.min(millis, MAX_CLOCK - now);
        int quiet = 0;
        while (true) {
            long next = Long.MAX_VALUE;
            int who = -1;
            for (int c = 0; c < cpus; c++) {
                if (nextReapCpu[c] < next) {
                    next = nextReapCpu[c];
                    who = c;
                }
            }
            if (next > end) break;
            now = next;
            long before = reapWork;
            reap(who);
            nextReapCpu[who] = now + REAPTIMEOUT_AC;
            quiet = reapWork == before ? quiet + 1 : 0;
            // two node periods without work on any CPU: every node reap has come and found nothing to do
            if (quiet >= 4 * cpus) {
                skipIdle(end);
                quiet = 0;
            }
        }
        now = end;
    }

    /** The simulated clock's end: 2^62 ms, some 146 million years; timers past it would overflow. */
    public static final long MAX_CLOCK = 1L << 62;

    /**
     * Skips whole {@code REAPTIMEOUT_NODE} periods of reaps that do nothing. Each CPU reaps every 2 s and each node
     * reap lands on a CPU reap 4 s after the last, so the schedule is periodic in 4 s: moving every timer (and the
     * alien round robin, one step per reap) by whole periods is exactly what running them would have done.
     */
    private void skipIdle(long end) {
        long periods = (end - now) / REAPTIMEOUT_NODE - 2;
        if (periods <= 0) return;
        long shift = periods * REAPTIMEOUT_NODE;
        now += shift;
        for (int c = 0; c < cpus; c++) {
            nextReapCpu[c] += shift;
            alienRotor[c] = (int) ((alienRotor[c] + periods * (REAPTIMEOUT_NODE / REAPTIMEOUT_AC)) % nodes);
        }
        for (int n = 0; n < nodes; n++) nextReap[n] += shift;
    }

    /** {@code cache_reap} on one CPU. */
    private void reap(int cpu) {
        int n = nodeOf(cpu);
        if (nodes > 1) { // reap_alien: one remote node per run, round robin
            int r = alienRotor[cpu] = (alienRotor[cpu] + 1) % nodes;
            if (r != n && !alien[n][r].isEmpty()) {
                reapWork++;
                drainAlien(cpu, alien[n][r], r);
            }
        }
        drainArray(cpu, array[cpu], cpu < touched.length ? touched : null, cpu, limit);
        if (now < nextReap[n]) return;
        nextReap[n] = now + REAPTIMEOUT_NODE;
        if (shared[n] != null) drainArray(cpu, shared[n], sharedTouched, n, sharedLimit());
        if (freeTouched[n]) {
            freeTouched[n] = false;
            reapWork++;
        } else {
            long tofree = (freeLimit[n] + 5L * num - 1) / (5L * num);
            long freedNow = drainFreelist(cpu, n, tofree);
            reapWork += freedNow;
            reaped += freedNow;
            if (freedNow > 0) emit(SimEvent.REAP, cpu, freedNow);
        }
    }

    /** {@code drain_array}: an untouched array gives back a fifth of its limit (or half of what it holds). */
    private void drainArray(int cpu, IntStack ac, boolean[] touchedFlags, int touchedIndex, int arrayLimit) {
        if (ac.isEmpty()) return;
        reapWork++;
        if (touchedFlags[touchedIndex]) {
            touchedFlags[touchedIndex] = false;
            return;
        }
        int tofree = (arrayLimit + 4) / 5;
        if (tofree > ac.size()) tofree = (ac.size() + 1) / 2;
        IntStack moved = scratch(tofree);
        ac.takeBottom(tofree, moved);
        freeBlock(cpu, moved, nodeOf(cpu));
        emit(SimEvent.REAP, cpu, tofree);
    }

    /** {@code drain_freelist}: up to {@code tofree} empty slabs from the tail of slabs_free. */
    private long drainFreelist(int cpu, int n, long tofree) {
        long done = 0;
        while (done < tofree && lists.tail(3 * n + FREE) != SlabLists.NONE) {
            int s = lists.tail(3 * n + FREE);
            lists.unlink(s);
            freeSlabs[n]--;
            totalSlabs[n]--;
            freeObjects[n] -= num;
            destroySlab(cpu, s);
            done++;
        }
        return done;
    }

    /** {@code __kmem_cache_shrink}: drain every CPU, alien and shared array completely, then destroy all free slabs. */
    @Override
    public void shrink() {
        for (int c = 0; c < cpus; c++) {
            IntStack ac = array[c];
            if (!ac.isEmpty()) {
                IntStack moved = new IntStack(ac.size());
                ac.takeBottom(ac.size(), moved);
                freeBlock(c, moved, nodeOf(c));
            }
        }
        for (int n = 0; n < nodes; n++) {
            for (int r = 0; r < nodes; r++) if (alien[n][r] != null && !alien[n][r].isEmpty()) drainAlien(n % cpus, alien[n][r], r);
        }
        for (int n = 0; n < nodes; n++) {
            if (shared[n] != null && !shared[n].isEmpty()) {
                IntStack moved = new IntStack(shared[n].size());
                shared[n].takeBottom(shared[n].size(), moved);
                freeBlock(n % cpus, moved, n);
            }
            drainFreelist(n % cpus, n, Long.MAX_VALUE);
        }
    }

    @Override
    public long destroy() {
        shrink();
        return live;
    }

    // ------------------------------------------------------------------ observation

    /** {@code get_slabinfo} for SLAB (4.10+): objects in per-CPU, shared and alien arrays count as active. */
    @Override
    public CacheStats slabinfo() {
        long slabs = 0, free = 0, freeSl = 0, sharedAvail = 0;
        for (int n = 0; n < nodes; n++) {
            slabs += totalSlabs[n];
            free += freeObjects[n];
            freeSl += freeSlabs[n];
            if (shared[n] != null) sharedAvail += shared[n].size();
        }
        SlabDebugStats stats = debugStats ? new SlabDebugStats(listallocs, highMark, grown, reaped, 0, maxFreeable, nodeAllocs,
                remoteFrees, alienOverflow, SlabDebugStats.NOT_REPORTED, allocHit, allocMiss, freeHit, freeMiss) : null;
        return new CacheStats(layout.spec().name(), slabs * num - free, slabs * num, layout.slotSize(), num, layout.pagesperslab(),
                limit, batchcount, sharedfactor, slabs - freeSl, slabs, sharedAvail, false, stats);
    }

    @Override
    public void checkInvariants() {
        long[] inSlabs = new long[nodes];
        long[] slabsPer = new long[nodes], freePer = new long[nodes];
        long user = 0, arrays = 0;
        for (int s = 0; s < slabIds; s++) {
            if (!used[s]) continue;
            int n = node[s];
            slabsPer[n]++;
            int free = 0;
            for (int i = 0; i < num; i++) {
                byte st = objectState[s * num + i];
                if (st == 0) free++;
                else if (st == 2) user++;
                else arrays++;
            }
            if (free != num - active[s]) throw new IllegalStateException("slab " + s + ": active " + active[s] + " but " + free + " free");
            inSlabs[n] += free;
            int list = lists.list(s) - 3 * n;
            int want = active[s] == 0 ? FREE : active[s] == num ? FULL : PARTIAL;
            if (list != want) throw new IllegalStateException("slab " + s + " with " + active[s] + "/" + num + " active is on list " + list);
            if (active[s] == 0) freePer[n]++;
        }
        for (int n = 0; n < nodes; n++) {
            if (inSlabs[n] != freeObjects[n]) throw new IllegalStateException("node " + n + " free_objects " + freeObjects[n] + ", recount " + inSlabs[n]);
            if (slabsPer[n] != totalSlabs[n] || freePer[n] != freeSlabs[n]) throw new IllegalStateException("node " + n + " slab counters disagree");
        }
        long held = 0;
        for (IntStack a : array) held += a.size();
        for (int n = 0; n < nodes; n++) {
            if (shared[n] != null) held += shared[n].size();
            for (IntStack a : alien[n]) if (a != null) held += a.size();
        }
        if (held != arrays) throw new IllegalStateException("arrays hold " + held + " objects, objects say " + arrays);
        if (user != live) throw new IllegalStateException("live " + live + " but " + user + " objects held by the user");
        for (IntStack a : array) if (a.size() > limit) throw new IllegalStateException("array over its limit");
        if (ctor && !ctorPerAlloc && ctorCalls != grown * num) throw new IllegalStateException("constructor calls != grown slabs x objects per slab");
    }
}
