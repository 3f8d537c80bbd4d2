package io.slabtrace.model.layout;

/**
 * Each rule a layout computation applied, named after the kernel function it mirrors. A
 * {@link Step} carries the rule and its numbers; the CLI turns them into sentences (in English
 * or Chinese), so the model stays free of prose.
 */
public enum Rule {
    // common (mm/slab_common.c)
    ALIGN_HWCACHE("calculate_alignment"),
    ALIGN_MIN("calculate_alignment"),
    KMALLOC_ALIGN("create_boot_cache"),
    // SLUB (mm/slub.c calculate_sizes, calculate_order)
    SIZE_TO_WORD("calculate_sizes"),
    RED_ZONE_RIGHT_WORD("calculate_sizes"),
    FP_AFTER_CTOR("calculate_sizes"),
    FP_AFTER_RCU("calculate_sizes"),
    FP_AFTER_POISON("calculate_sizes"),
    FP_AFTER_RED_ZONE("calculate_sizes"),
    FP_CREATOR_OFFSET("calculate_sizes"),
    FP_MIDDLE("calculate_sizes"),
    FP_ZERO("calculate_sizes"),
    STORE_USER_TRACKS("calculate_sizes"),
    KMALLOC_ORIG_SIZE("calculate_sizes"),
    RED_ZONE_PADS("calculate_sizes"),
    SLOT_ALIGN("calculate_sizes"),
    MIN_OBJECTS("calculate_order"),
    ORDER_BY_WASTE("calc_slab_order"),
    ORDER_SINGLE_OBJECT("calculate_order"),
    MIN_PARTIAL("do_kmem_cache_create"),
    CPU_PARTIAL("set_cpu_partial"),
    SHEAVES("__kmem_cache_create_args"),
    // classic SLAB (mm/slab.c __kmem_cache_create, calculate_slab_order)
    SLAB_DEBUG_FORCED("__kmem_cache_create"),
    SLAB_DEBUG_DROPPED("__kmem_cache_create"),
    SLAB_DEBUG_SPACE("__kmem_cache_create"),
    SLAB_MIN_SIZE("__kmem_cache_create"),
    SLAB_SLOT_ALIGN("__kmem_cache_create"),
    OBJFREELIST("set_objfreelist_slab_cache"),
    OBJFREELIST_REFUSED("set_objfreelist_slab_cache"),
    OFF_SLAB("set_off_slab_cache"),
    OFF_SLAB_REFUSED("set_off_slab_cache"),
    ON_SLAB("set_on_slab_cache"),
    SLAB_ORDER("calculate_slab_order"),
    COLOUR("__kmem_cache_create"),
    SLAB_TUNABLES("enable_cpucache"),
    // constructor (allocate_slab / cache_init_objs)
    CTOR_PER_SLAB("setup_object"),
    CTOR_PER_ALLOCATION("cache_alloc_debugcheck_after");

    private final String kernelFunction;

    Rule(String kernelFunction) {
        this.kernelFunction = kernelFunction;
    }

    public String kernelFunction() {
        return kernelFunction;
    }
}
