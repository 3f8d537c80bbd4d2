package io.slabtrace.model.layout;

import java.util.Arrays;
import java.util.List;

/** One rule applied with the numbers it used, in the order the kernel applies them. */
public record Step(Rule rule, List<Long> values) {

    public static Step of(Rule rule, long... values) {
        return new Step(rule, Arrays.stream(values).boxed().toList());
    }

    public long value(int i) {
        return values.get(i);
    }
}
