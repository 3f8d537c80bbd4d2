package io.slabtrace.model.sysfs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reading of {@code /sys/kernel/slab}: the real caches and which name is an alias of which.
 *
 * @param aliases alias name → the real cache's directory name ({@code dentry} is never one; {@code kmalloc-64} is not on 6.x)
 */
public record SysfsTree(String source, List<SysfsCache> caches, Map<String, String> aliases) {

    public SysfsTree {
        caches = List.copyOf(caches);
        aliases = Map.copyOf(aliases);
    }

    /** The real cache behind a name, whether the name is a real cache or an alias; null if unknown. */
    public SysfsCache find(String name) {
        String real = aliases.getOrDefault(name, name);
        for (SysfsCache c : caches) if (c.name().equals(real)) return c;
        return null;
    }

    public Map<String, SysfsCache> byName() {
        Map<String, SysfsCache> m = new LinkedHashMap<>();
        for (SysfsCache c : caches) m.put(c.name(), c);
        return m;
    }
}
