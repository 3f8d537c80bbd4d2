package io.slabtrace.cli.options;

import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A command's model as the commands declare it in code ({@link Bound}), with the factory the command line makes its
 * objects with. Not picocli's default factory: its static initializer looks for Groovy's {@code Closure} on the class
 * path, a miss that opens the 6 MB jar and reads its 3,000-entry directory, about 5 ms of every start, for a class no
 * command here uses.
 */
public final class CommandModel {

    /** Makes what picocli asks of a factory here: the collections of multi-value options, else by the no-argument constructor. */
    public static final IFactory FACTORY = new IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == List.class || cls == Collection.class) return cls.cast(new ArrayList<>());
            if (cls == Set.class) return cls.cast(new LinkedHashSet<>());
            if (cls == SortedSet.class) return cls.cast(new TreeSet<>());
            if (cls == Map.class) return cls.cast(new LinkedHashMap<>());
            if (cls == SortedMap.class) return cls.cast(new TreeMap<>());
            return cls.getDeclaredConstructor().newInstance();
        }
    };

    private CommandModel() {
    }

    /** The model of {@code command} named {@code name}, its options still to be added. */
    public static CommandSpec of(Object command, String name) {
        return CommandSpec.wrapWithoutInspection(command, FACTORY).name(name);
    }
}
