package io.slabtrace.model.sim;

import java.util.Arrays;

/**
 * Intrusive doubly linked lists of slabs, as the kernel's {@code list_head}: each slab is on at
 * most one list; insert at head or tail and unlink from anywhere in O(1), with no allocation.
 */
final class SlabLists {
    static final int NONE = -1;
    private int[] next = new int[64], prev = new int[64], listOf = new int[64];
    private int[] head, tail, size;

    SlabLists(int lists) {
        head = new int[lists];
        tail = new int[lists];
        size = new int[lists];
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
        Arrays.fill(listOf, NONE);
    }

    void ensure(int slab) {
        if (slab < next.length) return;
        int n = Math.max(next.length * 2, slab + 1);
        next = Arrays.copyOf(next, n);
        prev = Arrays.copyOf(prev, n);
        int old = listOf.length;
        listOf = Arrays.copyOf(listOf, n);
        Arrays.fill(listOf, old, n, NONE);
    }

    int list(int slab) {
        return listOf[slab];
    }

    int head(int list) {
        return head[list];
    }

    int tail(int list) {
        return tail[list];
    }

    int next(int slab) {
        return next[slab];
    }

    int size(int list) {
        return size[list];
    }

    void addHead(int list, int slab) {
        listOf[slab] = list;
        prev[slab] = NONE;
        next[slab] = head[list];
        if (head[list] != NONE) prev[head[list]] = slab;
        else tail[list] = slab;
        head[list] = slab;
        size[list]++;
    }

    void addTail(int list, int slab) {
        listOf[slab] = list;
        next[slab] = NONE;
        prev[slab] = tail[list];
        if (tail[list] != NONE) next[tail[list]] = slab;
        else head[list] = slab;
        tail[list] = slab;
        size[list]++;
    }

    void unlink(int slab) {
        int list = listOf[slab];
        if (list == NONE) return;
        if (prev[slab] != NONE) next[prev[slab]] = next[slab];
        else head[list] = next[slab];
        if (next[slab] != NONE) prev[next[slab]] = prev[slab];
        else tail[list] = prev[slab];
        listOf[slab] = NONE;
        size[list]--;
    }
}
