package io.slabtrace.model.layout;

/** The kernel's small arithmetic helpers ({@code include/linux/align.h}, {@code bitops.h}, {@code get_order}). */
public final class PageMath {
    private PageMath() {
    }

    /** {@code ALIGN(x, a)}: the smallest multiple of {@code a} (a power of two) not below {@code x}. */
    public static long align(long x, long a) {
        return (x + a - 1) & -a;
    }

    public static long alignDown(long x, long a) {
        return x & -a;
    }

    /** {@code fls(x)}: 1-based index of the most significant set bit, 0 for 0. */
    public static int fls(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    public static int ilog2(long x) {
        return fls(x) - 1;
    }

    /** {@code get_order(size)}: the smallest order whose block of pages holds {@code size} bytes. */
    public static int getOrder(long size, int pageSize) {
        int order = 0;
        while (((long) pageSize << order) < size) order++;
        return order;
    }

    /** {@code order_objects(order, size)}: objects of {@code size} bytes in a slab of that order. */
    public static long orderObjects(int order, long size, int pageSize) {
        return ((long) pageSize << order) / size;
    }
}
