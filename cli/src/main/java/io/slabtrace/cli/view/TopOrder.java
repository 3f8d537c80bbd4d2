package io.slabtrace.cli.view;

import java.util.Comparator;

/**
 * The orders {@code top} sorts caches in, each with slabtop's key for it (procps slabtop: a, b, c, l, v, n, o,
 * p, s, u) where slabtop has one, and slabtrace's own for waste ({@code w}). Largest first, but for the name
 * and the utilization (the emptiest cache first); ties by name.
 */
public enum TopOrder {
    name('n'), active('a'), objs('o'), objsize('s'), slabs('l'), memory('c'), waste('w'), util('u'), objperslab('b'), pages('p'),
    activeslabs('v');

    private final char key;
    private Comparator<TopRow> order; // made on first use: a run sorts one way, and each comparator is a few lambdas to link

    TopOrder(char key) {
        this.key = key;
    }

    public Comparator<TopRow> comparator() {
        if (order == null) order = make();
        return order;
    }

    private Comparator<TopRow> make() {
        return switch (this) {
            case name -> Comparator.comparing(TopRow::name);
            case active -> big(Comparator.comparingLong(TopRow::activeObjs));
            case objs -> big(Comparator.comparingLong(TopRow::numObjs));
            case objsize -> big(Comparator.comparingLong(TopRow::objsize));
            case slabs -> big(Comparator.comparingLong(TopRow::numSlabs));
            case memory -> big(Comparator.comparingLong(TopRow::memoryBytes));
            case waste -> big(Comparator.comparingLong(TopRow::wasteBytes));
            case util -> Comparator.comparingDouble(TopRow::utilization).thenComparing(TopRow::name);
            case objperslab -> big(Comparator.comparingLong(TopRow::objperslab));
            case pages -> big(Comparator.comparingLong(TopRow::pagesperslab));
            case activeslabs -> big(Comparator.comparingLong(TopRow::activeSlabs));
        };
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
