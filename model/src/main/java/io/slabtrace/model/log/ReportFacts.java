package io.slabtrace.model.log;

import java.util.List;

/**
 * What one report says, field by field; null where the report does not print it.
 *
 * @param objectSize    the cache's object size as the report gives it (KASAN "of size 192", KFENCE "size=24", kmemleak
 *                      "(size 64)", SLUB's allocation-failure "object size: 80")
 * @param regionSize    KASAN's "N-byte region" (since 6.x the kmalloc request, not the cache's size), or null
 * @param offset        bytes from the object's start to the bad address: negative to its left, at or past
 *                      {@code objectSize} to its right
 * @param access        {@code read} or {@code write}
 * @param accessSize    bytes read or written
 * @param address       the bad address as printed (hashed or raw)
 * @param objectAddress where the object starts, as printed
 * @param freed         KASAN said the region was freed ({@code freed 192-byte region}), or the report has a free stack
 * @param function      where it happened: the function in the report's title (or, where the title names none, the
 *                      first call-trace frame outside the allocator)
 * @param task          the task that did it, and its {@code pid}
 * @param slabOffset    SLUB's {@code INFO: Object 0x... @offset=N}: the object's byte offset inside its slab
 * @param firstByte     SLUB's overwrite: the first wrong byte's value ({@code First byte 0x73 instead of 0xcc})
 * @param byteCount     SLUB's overwrite: how many bytes were wrong ({@code 0x...54-0x...57} is 4)
 * @param expected      SLUB's overwrite: the byte that should have been there
 * @param gfp           allocation failures: the gfp mask as printed
 * @param order         allocation failures: the page order that failed
 * @param node          allocation failures: the node asked for
 * @param bufferSize    SLUB's allocation-failure "buffer size": the slot
 * @param otherCache    wrong_cache: the cache the object really came from ("but object is from B")
 * @param release       the kernel release the report prints ({@code Not tainted 5.10.4 #2}), or null
 * @param oomTable      the unreclaimable-slab table, largest first
 * @param slabUnreclaimablePages Mem-Info's {@code slab_unreclaimable:} in pages, or null
 * @param slabReclaimablePages   Mem-Info's {@code slab_reclaimable:} in pages, or null
 * @param ramPages      Mem-Info's {@code N pages RAM}, or null
 * @param unparsed      lines inside the report that matched no shape this reader knows (counted, not dropped)
 * @param dropped       printk said it dropped this many messages inside the report
 */
public record ReportFacts(Long objectSize, Long regionSize, Long offset, String access, Integer accessSize, String address,
                          String objectAddress, Boolean freed, String function, String task, Integer pid,
                          Stack allocStack, Stack freeStack, Long slabOffset, String firstByte, Integer byteCount, String expected,
                          String gfp, Integer order, Integer node, Long bufferSize, String otherCache, String release,
                          List<OomRow> oomTable, Long slabUnreclaimablePages, Long slabReclaimablePages, Long ramPages,
                          int unparsed, long dropped) {

    public static final ReportFacts NONE = new ReportFacts(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null, null, 0, 0);

    public ReportFacts {
        oomTable = oomTable == null ? List.of() : List.copyOf(oomTable);
    }
}
