package io.slabtrace.model.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The spec's worked examples (A.6.1, A.6.3) and caches of the 6.18 reference host (V.1). */
class SlubLayouterTest {
    static final Machine HOST = Machine.x86_64(2, KernelVersion.V6_18);

    static CacheLayout slub(int size, int align, String flags, boolean ctor, boolean kmalloc, Machine m) {
        return new SlubLayouter().layout(new CacheSpec("t", size, align, SlabFlag.parseList(flags), ctor, kmalloc, -1, 0), m);
    }

    @Test
    void seedCacheGets64SlotsOf64BytesAndTheCtorRuns64Times() {
        CacheLayout l = slub(40, 8, "HWCACHE_ALIGN", true, false, HOST);
        assertEquals(64, l.align());
        assertEquals(64, l.slotSize());
        assertEquals(FreePointer.Placement.AFTER_OBJECT, l.freePointer().placement());
        assertEquals(40, l.freePointer().offset());
        assertEquals(0, l.order());
        assertEquals(64, l.objperslab());
        assertEquals(0, l.leftoverBytes());
        assertEquals(64, l.ctorCallsPerNewSlab());
        assertEquals(new Tunables.Slub(5, 120, 4, 0), l.tunables());
        // more CPUs change nothing: 16 x 64 still fits order 0
        assertEquals(64, slub(40, 8, "HWCACHE_ALIGN", true, false, Machine.x86_64(64, KernelVersion.V6_18)).objperslab());
        // without the ctor the pointer moves inside the object and alignment still makes the slot 64
        CacheLayout noCtor = slub(40, 8, "HWCACHE_ALIGN", false, false, HOST);
        assertEquals(FreePointer.Placement.MIDDLE, noCtor.freePointer().placement());
        assertEquals(16, noCtor.freePointer().offset());
        assertEquals(64, noCtor.slotSize());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what | size | align | flags | ctor | kmalloc | inuse | fp | red_left_pad | slot | order | objs
            "40 HWCACHE ctor FZPU | 40 | 8 | HWCACHE_ALIGN,F,Z,P,U | true | false | 48 | 48 | 64 | 192 | 0 | 21",
            "kmalloc-64 FZPU | 64 | 64 | F,Z,P,U | false | true | 72 | 72 | 64 | 256 | 0 | 16",
            "kmalloc-8 FZPU | 8 | 8 | F,Z,P,U | false | true | 16 | 16 | 8 | 112 | 0 | 36",
            "kmalloc-1k FZPU | 1024 | 1024 | F,Z,P,U | false | true | 1032 | 1032 | 1024 | 3072 | 3 | 10",
            "192 red zone only | 192 | 8 | Z | false | false | 200 | 96 | 8 | 216 | 0 | 18",
            "192 poison only | 192 | 8 | P | false | false | 192 | 192 | 0 | 200 | 0 | 20",
            "192 store user only | 192 | 8 | U | false | false | 192 | 96 | 0 | 256 | 0 | 16",
    })
    void debugGeometryMatchesTheSpecTable(String what, int size, int align, String flags, boolean ctor, boolean kmalloc,
                                          long inuse, long fp, long pad, long slot, int order, long objs) {
        CacheLayout l = slub(size, align, flags, ctor, kmalloc, HOST);
        assertEquals(inuse, l.inuse(), "inuse");
        assertEquals(fp, l.freePointer().offset(), "fp");
        assertEquals(pad, l.redLeftPad(), "red_left_pad");
        assertEquals(slot, l.slotSize(), "slot");
        assertEquals(order, l.order(), "order");
        assertEquals(objs, l.objperslab(), "objs");
        assertEquals(0, ((Tunables.Slub) l.tunables()).cpuPartial(), "debug caches have no cpu partial");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // caches of the 6.18 host: name | object_size | align | flags | ctor | slot | order | objs | min_partial | cpu_partial
            "dentry | 192 | 8 | RECLAIM_ACCOUNT | false | 192 | 0 | 21 | 5 | 120",
            "task_struct | 5888 | 64 | HWCACHE_ALIGN | false | 5888 | 3 | 5 | 6 | 6",
            "kvm_vcpu | 51472 | 64 | | false | 51520 | 4 | 1 | 7 | 6",
            "x86_emulator | 2672 | 8 | | false | 2672 | 3 | 12 | 5 | 24",
            "radix_tree_node | 576 | 8 | RECLAIM_ACCOUNT | true | 584 | 1 | 14 | 5 | 52",
            "kmem_cache_node | 72 | 8 | HWCACHE_ALIGN | false | 128 | 0 | 32 | 5 | 120",
            "kmem_cache | 232 | 8 | HWCACHE_ALIGN | false | 256 | 0 | 16 | 5 | 52",
            "anon_vma | 96 | 8 | TYPESAFE_BY_RCU | true | 104 | 0 | 39 | 5 | 120",
            "bio-264 | 264 | 64 | TYPESAFE_BY_RCU | false | 320 | 0 | 12 | 5 | 52",
    })
    void hostCachesAsTheKernelLaidThemOut(String name, int size, int align, String flags, boolean ctor,
                                         long slot, int order, long objs, int minPartial, int cpuPartial) {
        CacheLayout l = slub(size, align, flags, ctor, false, HOST);
        assertEquals(slot, l.slotSize(), "slot");
        assertEquals(order, l.order(), "order");
        assertEquals(objs, l.objperslab(), "objs");
        Tunables.Slub t = (Tunables.Slub) l.tunables();
        assertEquals(minPartial, t.minPartial());
        assertEquals(cpuPartial, t.cpuPartial());
    }

    @Test
    void kmallocAlignmentFollowsTheReleaseRules() {
        assertEquals(32, slub(96, 0, "", false, true, HOST).align());
        assertEquals(64, slub(192, 0, "", false, true, HOST).align());
        assertEquals(8, slub(96, 0, "", false, true, Machine.x86_64(2, new KernelVersion(6, 1))).align());
        assertEquals(64, slub(64, 0, "", false, true, Machine.x86_64(2, new KernelVersion(6, 1))).align());
    }

    @Test
    void vmAreaStructKeepsItsFreePointerInsideWithFreeptrOffset() {
        CacheSpec vma = new CacheSpec("vm_area_struct", 192, 8, Set.of(SlabFlag.TYPESAFE_BY_RCU, SlabFlag.ACCOUNT), false, false, 48, 32);
        CacheLayout l = new SlubLayouter().layout(vma, HOST);
        assertEquals(192, l.slotSize());
        assertEquals(FreePointer.Placement.CREATOR_OFFSET, l.freePointer().placement());
        assertEquals(32, ((Tunables.Slub) l.tunables()).sheafCapacity());
        // the same creator on 6.1, before freeptr_offset existed: the pointer goes after the object
        assertEquals(200, new SlubLayouter().layout(vma, Machine.x86_64(2, new KernelVersion(6, 1))).slotSize());
    }

    @Test
    void oldReleasesPutThePointerAtTheStart() {
        assertEquals(FreePointer.Placement.START, slub(192, 8, "", false, false, Machine.x86_64(2, new KernelVersion(5, 4))).freePointer().placement());
    }
}
