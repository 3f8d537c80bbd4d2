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

    TopOrder(char key) {
        this.key = key;
    }

    /** This order; a class, not composed lambdas: each lambda is linked at its first call, a cost every cold 'top' paid. */
    public Comparator<TopRow> comparator() {
        return new ByOrder(this);
    }

    public char key() {
        return key;
    }

    /** The order slabtop's key {@code k} picks, or null. */
    public static TopOrder ofKey(int k) {
        for (TopOrder o : values()) if (o.key == k) return o;
        return null;
    }

    /** The figure a largest-first order sorts by. */
    private long figure(TopRow r) {
        return switch (this) {
            case active -> r.activeObjs();
            case objs -> r.numObjs();
            case objsize -> r.objsize();
            case slabs -> r.numSlabs();
            case memory -> r.memoryBytes();
            case waste -> r.wasteBytes();
            case objperslab -> r.objperslab();
            case pages -> r.pagesperslab();
            case activeslabs -> r.activeSlabs();
            case name, util -> 0;
        };
    }

    private static final class ByOrder implements Comparator<TopRow> {
        private final TopOrder order;

        ByOrder(TopOrder order) {
            this.order = order;
        }

        @Override
        public int compare(TopRow a, TopRow b) {
            int c = switch (order) {
                case name -> 0;
                case util -> Double.compare(a.utilization(), b.utilization());
                default -> Long.compare(order.figure(b), order.figure(a));
            };
            return c != 0 ? c : a.name().compareTo(b.name());
        }
    }
}
