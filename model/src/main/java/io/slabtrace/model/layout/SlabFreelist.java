package io.slabtrace.model.layout;

/** Where classic SLAB keeps a slab's array of free-object indices ({@code __kmem_cache_create}, 4.6+). */
public enum SlabFreelist {
    /** inside the last free object: costs nothing while the slab has a free object */
    OBJFREELIST,
    /** a separate kmalloc allocation */
    OFF_SLAB,
    /** the last {@code num} bytes of the slab */
    ON_SLAB
}
