package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.SlabFlag;

import java.util.EnumSet;
import java.util.Set;

/** Which debug flags {@code slub_debug=}/{@code slab_debug=} on a kernel command line give a cache ({@code setup_slub_debug}). */
final class SlubDebug {
    private SlubDebug() {
    }

    /** The flags for {@code cache}, empty when the command line does not debug it. */
    static Set<SlabFlag> flagsFor(String cmdline, String cache) {
        EnumSet<SlabFlag> none = EnumSet.noneOf(SlabFlag.class);
        if (cmdline == null) return none;
        for (String word : cmdline.split("\\s+")) {
            if (!word.startsWith("slub_debug") && !word.startsWith("slab_debug")) continue;
            int eq = word.indexOf('=');
            if (eq < 0) return EnumSet.of(SlabFlag.CONSISTENCY_CHECKS, SlabFlag.RED_ZONE, SlabFlag.POISON, SlabFlag.STORE_USER);
            for (String block : word.substring(eq + 1).split(";")) {
                String[] parts = block.split(",");
                boolean applies = parts.length == 1 || java.util.Arrays.asList(parts).subList(1, parts.length).contains(cache);
                if (!applies) continue;
                EnumSet<SlabFlag> f = EnumSet.noneOf(SlabFlag.class);
                for (char c : parts[0].toUpperCase(java.util.Locale.ROOT).toCharArray()) {
                    switch (c) {
                        case 'F' -> f.add(SlabFlag.CONSISTENCY_CHECKS);
                        case 'Z' -> f.add(SlabFlag.RED_ZONE);
                        case 'P' -> f.add(SlabFlag.POISON);
                        case 'U' -> f.add(SlabFlag.STORE_USER);
                        case 'T' -> f.add(SlabFlag.TRACE);
                        case '-' -> f.clear();
                        default -> { }
                    }
                }
                return parts[0].isEmpty() ? EnumSet.of(SlabFlag.CONSISTENCY_CHECKS, SlabFlag.RED_ZONE, SlabFlag.POISON, SlabFlag.STORE_USER) : f;
            }
        }
        return none;
    }
}
