package io.slabtrace.cli.view;

import java.util.Comparator;

/**
 * The orders {@code top} sorts caches in, each with slabtop's key for it (procps slabtop: a, b, c, l, v, n, o,
 * p, s, u) where slabtop has one, and slabtrace's own for waste ({@code w}). Largest first, but for the name
 * and the utilization (the emptiest cache first); ties by name.
 */
public enum TopOrder {
    name('n', Comparator.comparing(TopRow::name)),
    active('a', big(Comparator.comparingLong(TopRow::activeObjs))),
    objs('o', big(Comparator.comparingLong(TopRow::numObjs))),
    objsize('s', big(Comparator.comparingLong(TopRow::objsize))),
    slabs('l', big(Comparator.comparingLong(TopRow::numSlabs))),
    memory('c', big(Comparator.comparingLong(TopRow::memoryBytes))),
    waste('w', big(Comparator.comparingLong(TopRow::wasteBytes))),
    util('u', Comparator.comparingDouble(TopRow::utilization).thenComparing(TopRow::name)),
    objperslab('b', big(Comparator.comparingLong(TopRow::objperslab))),
    pages('p', big(Comparator.comparingLong(TopRow::pagesperslab))),
    activeslabs('v', big(Comparator.comparingLong(TopRow::activeSlabs)));

    private final char key;
    private final Comparator<TopRow> order;

    TopOrder(char key, Comparator<TopRow> order) {
        this.key = key;
        this.order = order;
    }

    public Comparator<TopRow> comparator() {
        return order;
    }

    public char key() {
        return key;
    }

    /** The order slabtop's key {@code k} picks, or null. */
    public static TopOrder ofKey(int k) {
        for (TopOrder o : values()) if (o.key == k) return o;
        return null;
    }

    private static Comparator<TopRow> big(Comparator<TopRow> c) {
        return c.reversed().thenComparing(TopRow::name);
    }
}
