package io.slabtrace.model.sim;

/** An unordered bag of ints (object ids) with O(1) add and take, for callers that hold simulator objects. */
public final class IntPool {
    private final IntStack items;

    /** A pool that holds {@code expected} ints before it grows. */
    public IntPool(int expected) {
        items = new IntStack(expected);
    }

    public void add(int v) {
        items.push(v);
    }

    /** Removes and returns some element (the most recently added). */
    public int takeAny() {
        return items.pop();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }
}
