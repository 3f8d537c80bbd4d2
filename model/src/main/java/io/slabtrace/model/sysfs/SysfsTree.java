package io.slabtrace.model.sysfs;

import java.util.List;
import java.util.Map;

/**
 * A reading of {@code /sys/kernel/slab}: the real caches and which name is an alias of which.
 *
 * @param aliases alias name → the real cache's directory name ({@code dentry} is never one; {@code kmalloc-64} is not on 6.x)
 * @param index   the caches by name, derived from {@code caches}: {@link #find} is a look-up, not a scan (12,000 caches
 *                explained one by one were quadratic)
 */
public record SysfsTree(String source, List<SysfsCache> caches, Map<String, String> aliases, Map<String, SysfsCache> index) {

    public SysfsTree {
        caches = List.copyOf(caches);
        aliases = Map.copyOf(aliases);
        Map<String, SysfsCache> byName = new java.util.HashMap<>();
        for (SysfsCache c : caches) byName.putIfAbsent(c.name(), c); // the first of a name, as the scan found it
        index = java.util.Collections.unmodifiableMap(byName);
    }

    public SysfsTree(String source, List<SysfsCache> caches, Map<String, String> aliases) {
        this(source, caches, aliases, Map.of());
    }

    /** The real cache behind a name, whether the name is a real cache or an alias; null if unknown. */
    public SysfsCache find(String name) {
        return index.get(aliases.getOrDefault(name, name));
    }
}
