package io.slabtrace.model.sim;

import java.util.Arrays;

/** A growable stack of ints: object and slab ids without boxing, for the simulators' hot paths. */
final class IntStack {
    private int[] items;
    private int size;

    IntStack(int capacity) {
        items = new int[Math.max(4, capacity)];
    }

    void push(int v) {
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
        items[size++] = v;
    }

    int pop() {
        return items[--size];
    }

    int peek() {
        return items[size - 1];
    }

    /** Removes the {@code n} oldest (bottom) entries into {@code out}, keeping order; the rest slide down. */
    void takeBottom(int n, IntStack out) {
        for (int i = 0; i < n; i++) out.push(items[i]);
        System.arraycopy(items, n, items, 0, size - n);
        size -= n;
    }

    /** Moves the top {@code n} entries onto {@code to}, preserving their order ({@code transfer_objects}). */
    void moveTopTo(int n, IntStack to) {
        for (int i = size - n; i < size; i++) to.push(items[i]);
        size -= n;
    }

    int get(int i) {
        return items[i];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }
}
