package io.slabtrace.model.sysfs;

import io.slabtrace.model.layout.SlabFlag;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real cache's directory under {@code /sys/kernel/slab}, its attributes typed, and the
 * names merged into it (the symlinks pointing at it). Accessors are named as the attributes.
 */
public record SysfsCache(String name, Map<String, SysfsValue> attributes, List<String> aliasNames) {

    public SysfsCache {
        attributes = Map.copyOf(attributes);
        aliasNames = List.copyOf(aliasNames);
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    /** A plain or node-summed attribute's total; -1 when absent. */
    public long number(String attribute) {
        SysfsValue v = attributes.get(attribute);
        if (v instanceof SysfsValue.Number n) return n.value();
        if (v instanceof SysfsValue.NodeSummed n) return n.total();
        if (v instanceof SysfsValue.PerCpuCounter n) return n.total();
        if (v instanceof SysfsValue.CpuPartial c) return c.objects();
        return -1;
    }

    public String text(String attribute) {
        SysfsValue v = attributes.get(attribute);
        return v instanceof SysfsValue.Text t ? t.text() : v == null ? null : v.toString();
    }

    private boolean flag(String attribute) {
        return number(attribute) == 1;
    }

    public long objectSize() { return number("object_size"); }
    public long slabSize() { return number("slab_size"); }
    public long align() { return number("align"); }
    public int order() { return (int) number("order"); }
    public long objsPerSlab() { return number("objs_per_slab"); }
    public long objects() { return number("objects"); }
    public long totalObjects() { return number("total_objects"); }
    public long objectsPartial() { return number("objects_partial"); }
    public long slabs() { return number("slabs"); }
    public long partial() { return number("partial"); }
    public long cpuSlabs() { return number("cpu_slabs"); }
    public long minPartial() { return number("min_partial"); }
    public long cpuPartial() { return number("cpu_partial"); }
    public long sheafCapacity() { return Math.max(0, number("sheaf_capacity")); }
    public long aliases() { return number("aliases"); }

    /** The {@code slabs_cpu_partial} breakdown, or null. */
    public SysfsValue.CpuPartial slabsCpuPartial() {
        return attributes.get("slabs_cpu_partial") instanceof SysfsValue.CpuPartial c ? c : null;
    }

    /** The constructor's symbol ({@code "init_once+0x0/0x20 [module]"}), or null when there is none. */
    public String ctor() {
        String t = text("ctor");
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** The flags sysfs shows (each as its own attribute), plus those the unique id encodes. */
    public Set<SlabFlag> flags() {
        EnumSet<SlabFlag> f = EnumSet.noneOf(SlabFlag.class);
        if (flag("hwcache_align")) f.add(SlabFlag.HWCACHE_ALIGN);
        if (flag("red_zone")) f.add(SlabFlag.RED_ZONE);
        if (flag("poison")) f.add(SlabFlag.POISON);
        if (flag("store_user")) f.add(SlabFlag.STORE_USER);
        if (flag("sanity_checks")) f.add(SlabFlag.CONSISTENCY_CHECKS);
        if (flag("trace")) f.add(SlabFlag.TRACE);
        if (flag("destroy_by_rcu")) f.add(SlabFlag.TYPESAFE_BY_RCU);
        if (flag("reclaim_account")) f.add(SlabFlag.RECLAIM_ACCOUNT);
        if (flag("cache_dma")) f.add(SlabFlag.CACHE_DMA);
        UniqueId id = UniqueId.decode(name);
        if (id != null) f.addAll(id.flags());
        return f;
    }

    /** Free objects on node partial lists: what {@code /proc/slabinfo} subtracts from the total. */
    public long freeOnNodePartial() {
        return partial() * objsPerSlab() - objectsPartial();
    }
}
