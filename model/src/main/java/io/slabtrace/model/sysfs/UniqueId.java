package io.slabtrace.model.sysfs;

import io.slabtrace.model.layout.SlabFlag;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory name SLUB gives a mergeable cache ({@code create_unique_id}): {@code ":"}, flag
 * letters, {@code "-"} if there were any, then the slot size as {@code %07u}: {@code :0000064},
 * {@code :A-0001280}, {@code :aA-0000032}.
 */
public record UniqueId(Set<SlabFlag> flags, long slotSize) {
    private static final Pattern ID = Pattern.compile(":(?:([dDaFAt]+)-)?(\\d{7})");

    /** The decoded id, or null when the name is not one. */
    public static UniqueId decode(String name) {
        Matcher m = ID.matcher(name);
        if (!m.matches()) return null;
        EnumSet<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
        String letters = m.group(1) == null ? "" : m.group(1);
        for (char c : letters.toCharArray()) {
            switch (c) {
                case 'd' -> flags.add(SlabFlag.CACHE_DMA);
                case 'D' -> flags.add(SlabFlag.CACHE_DMA32);
                case 'a' -> flags.add(SlabFlag.RECLAIM_ACCOUNT);
                case 'F' -> flags.add(SlabFlag.CONSISTENCY_CHECKS);
                case 'A' -> flags.add(SlabFlag.ACCOUNT);
                default -> { } // 't' was NOTRACK on old kernels
            }
        }
        return new UniqueId(flags, Long.parseLong(m.group(2)));
    }
}
