package io.slabtrace.replay.trace.result;

/**
 * When a cache's prediction left the kernel's count, over the snapshots taken during the trace: the first one off by more
 * than the strict bound, by how much then and at the last one, and the drift per second between the two (untraced
 * frees grow it steadily; a start-state error shows as a step that stays).
 *
 * @param since        the wall-clock time of the first snapshot off by more than the strict bound (ISO-8601), or null
 * @param compared     snapshots this cache was compared with
 * @param within       of those, how many within the strict bound
 * @param perSecond    (last miss - first miss) / seconds between them; 0 when they are the same snapshot
 */
public record Divergence(String since, int compared, int within, long missThen, long missLast, double perSecond) {
}
