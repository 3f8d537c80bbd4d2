package io.slabtrace.model.scenario;

/** Which live objects a {@code free} takes, counted in allocation order (#1 is the first allocated). */
public sealed interface Selector {
    /** every n-th live object: {@code free every 2} frees #2, #4, ... of those live */
    record Every(int n) implements Selector {
    }

    record First(int n) implements Selector {
    }

    record Last(int n) implements Selector {
    }

    record All() implements Selector {
    }

    /** objects #from..#to (allocation numbers) that are still live */
    record Range(long from, long to) implements Selector {
    }

    /** a random share of the live objects, reproducible by its seed */
    record Random(int percent, long seed) implements Selector {
    }
}
