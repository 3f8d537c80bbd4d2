package io.slabtrace.model.log;

/** One row of the OOM killer's {@code Unreclaimable slab info:} table ({@code mm/slab_common.c dump_unreclaimable_slab}). */
public record OomRow(String name, long usedKb, long totalKb) {
}
