package io.slabtrace.replay.explain;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.sysfs.SysfsCache;

import java.util.List;

/**
 * Everything known about one cache, for the words and the JSON of {@code explain}.
 *
 * @param asked       the name the user gave (may be an alias)
 * @param name        the real cache's name (its sysfs directory, or the slabinfo name)
 * @param mergedNames every name merged into it (SLUB's symlinks), the creator's included
 * @param computed    the model's geometry from the creation parameters alone; null when they are not known
 * @param observed    the geometry the kernel reported; null without a capture of the cache
 * @param match       computed equals observed; null when either is missing
 * @param inferences  what had to be assumed or inferred, in the order it matters
 * @param missingAttributes sysfs attributes the capture lacks or gives out of range (empty with a whole capture)
 */
public record CacheExplanation(String asked, String name, List<String> mergedNames, Allocator allocator,
                               CacheLayout computed, Geometry observed, Boolean match, Usage usage,
                               String ctor, SysfsCache sysfs, CacheStats slabinfo, List<Inference> inferences,
                               List<String> missingAttributes) {

    public enum Inference {
        /** /proc/slabinfo has the slot, not the object size or flags: nothing to compute from */
        OBJECT_SIZE_UNKNOWN,
        /** the object size came from the kmalloc cache's name */
        KMALLOC_FROM_NAME,
        /** the user gave the creation parameters */
        PARAMETERS_GIVEN,
        /** no sysfs: geometry from the slabinfo columns */
        GEOMETRY_FROM_SLABINFO,
        /** the sysfs capture lacks attributes (or gives them out of range): explained as far as the rest allows */
        SYSFS_INCOMPLETE
    }

    public CacheExplanation {
        mergedNames = List.copyOf(mergedNames);
        inferences = List.copyOf(inferences);
        missingAttributes = List.copyOf(missingAttributes);
    }
}
