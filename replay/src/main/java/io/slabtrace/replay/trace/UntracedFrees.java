package io.slabtrace.replay.trace;

import io.slabtrace.model.layout.KernelVersion;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths that free slab objects without a kmem_cache_free or kfree event, for a release: what an
 * {@code untraced_frees} finding can be, named instead of guessed at.
 */
final class UntracedFrees {
    private UntracedFrees() {
    }

    /** The paths for {@code kernel} (null: unknown release), and sheaves when the cache has a {@code sheaf_capacity}. */
    static String paths(KernelVersion kernel, boolean sheaves) {
        List<String> p = new ArrayList<>();
        // mm/slub.c kmem_cache_free_bulk(): no trace_kmem_cache_free per object (since the bulk API, 4.2)
        p.add("kmem_cache_free_bulk/kfree_bulk (no per-object event)");
        // kernel/rcu/tree.c (mm/slab_common.c from 6.12) kfree_rcu_work: batches go to kfree_bulk/kmem_cache_free_bulk
        if (kernel == null || kernel.atLeast(new KernelVersion(5, 8))) p.add("kfree_rcu batches freed in bulk after the grace period");
        // mm/slub.c 6.18 kvfree_rcu with sheaves: the RCU sheaf is freed through __kmem_cache_free_bulk
        if (sheaves && (kernel == null || kernel.atLeast(new KernelVersion(6, 18)))) p.add("the per-CPU RCU sheaf, flushed in bulk");
        return String.join(", ", p);
    }
}
