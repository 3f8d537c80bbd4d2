package io.slabtrace.cli.options;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.SlabFlag;
import picocli.CommandLine.Option;

import java.util.Set;

/** The arguments of {@code kmem_cache_create}, for {@code layout} and for {@code explain} on inputs that lack them. */
public final class CreationOptions {

    @Option(names = "--size", paramLabel = "BYTES", description = "Object size passed to kmem_cache_create.")
    public Integer size;

    @Option(names = "--align", paramLabel = "BYTES", description = "Requested alignment (default: ${DEFAULT-VALUE}).")
    public int align = 8;

    @Option(names = "--flags", paramLabel = "LIST", description = "Comma list of SLAB_* flags without the prefix (HWCACHE_ALIGN, RECLAIM_ACCOUNT, TYPESAFE_BY_RCU, POISON, RED_ZONE, STORE_USER, ...), or slub_debug letters F,Z,P,U,T.")
    public String flags = "";

    @Option(names = "--ctor", description = "The cache has a constructor.")
    boolean ctor;

    @Option(names = "--kmalloc", description = "A kmalloc size-class cache (kmalloc alignment and debug metadata rules).")
    boolean kmalloc;

    @Option(names = "--freeptr-offset", paramLabel = "BYTES", description = "kmem_cache_args.freeptr_offset (6.12+, RCU caches).")
    int freeptrOffset = -1;

    @Option(names = "--sheaf-capacity", paramLabel = "N", description = "kmem_cache_args.sheaf_capacity (6.18).")
    int sheafCapacity;

    public boolean given() {
        return size != null;
    }

    /** The creation parameters with these flags; null when no --size was given. */
    public CacheSpec spec(String name, Set<SlabFlag> withFlags) {
        if (size == null) return null;
        try {
            return new CacheSpec(name, size, align, withFlags, ctor, kmalloc, freeptrOffset, sheafCapacity);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }

    public CacheSpec spec(String name) {
        return spec(name, parseFlags(flags, "--flags"));
    }

    public static Set<SlabFlag> parseFlags(String text, String option) {
        try {
            return SlabFlag.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage(), ExitCodes.USAGE);
        }
    }
}
