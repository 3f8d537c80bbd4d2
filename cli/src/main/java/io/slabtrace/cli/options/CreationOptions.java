package io.slabtrace.cli.options;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.SlabFlag;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Set;

/**
 * The arguments of {@code kmem_cache_create}, for {@code layout} and for {@code explain} on inputs that lack them
 * (declared in code: {@link Bound}).
 */
public final class CreationOptions {

    private final Bound<Integer> size = new Bound<>(null);

    private final Bound<Integer> align = new Bound<>(8);

    private final Bound<String> flags = new Bound<>("");

    private final Bound<Boolean> ctor = new Bound<>(false);

    private final Bound<Boolean> kmalloc = new Bound<>(false);

    private final Bound<Integer> freeptrOffset = new Bound<>(-1);

    private final Bound<Integer> sheafCapacity = new Bound<>(0);

    /** Adds the arguments, {@code --size} to {@code --sheaf-capacity}, to {@code command}. */
    public void addTo(CommandSpec command) {
        command.addOption(size.option(Integer.class, "--size").paramLabel("BYTES")
                .description("Object size passed to kmem_cache_create.").build());
        command.addOption(align.option(Integer.class, "--align").paramLabel("BYTES")
                .description("Requested alignment (default: ${DEFAULT-VALUE}).").build());
        command.addOption(flags.option(String.class, "--flags").paramLabel("LIST")
                .description("Comma list of SLAB_* flags without the prefix (HWCACHE_ALIGN, RECLAIM_ACCOUNT, TYPESAFE_BY_RCU, POISON, RED_ZONE, STORE_USER, ...), or slub_debug letters F,Z,P,U,T.").build());
        command.addOption(ctor.option(Boolean.class, "--ctor").arity("0")
                .description("The cache has a constructor.").build());
        command.addOption(kmalloc.option(Boolean.class, "--kmalloc").arity("0")
                .description("A kmalloc size-class cache (kmalloc alignment and debug metadata rules).").build());
        command.addOption(freeptrOffset.option(Integer.class, "--freeptr-offset").paramLabel("BYTES")
                .description("kmem_cache_args.freeptr_offset (6.12+, RCU caches).").build());
        command.addOption(sheafCapacity.option(Integer.class, "--sheaf-capacity").paramLabel("N")
                .description("kmem_cache_args.sheaf_capacity (6.18).").build());
    }

    /** The object size given, or null. */
    public Integer size() {
        return size.value();
    }

    public int align() {
        return align.value();
    }

    /** The flags given ({@code --flags}). */
    public Set<SlabFlag> flags() {
        return parseFlags(flags.value(), "--flags");
    }

    public boolean given() {
        return size.value() != null;
    }

    /** The creation parameters with these flags; null when no --size was given. */
    public CacheSpec spec(String name, Set<SlabFlag> withFlags) {
        if (size.value() == null) return null;
        try {
            return new CacheSpec(name, size.value(), align.value(), withFlags, ctor.value(), kmalloc.value(), freeptrOffset.value(), sheafCapacity.value());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }

    public CacheSpec spec(String name) {
        return spec(name, flags());
    }

    public static Set<SlabFlag> parseFlags(String text, String option) {
        try {
            return SlabFlag.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage(), ExitCodes.USAGE);
        }
    }
}
