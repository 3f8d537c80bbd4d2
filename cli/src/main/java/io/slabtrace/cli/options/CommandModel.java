package io.slabtrace.cli.options;

import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's model as the commands declare it in code ({@link Bound}), with the factory the command line makes its
 * objects with. Not picocli's default factory: its static initializer looks for Groovy's {@code Closure} on the class
 * path, a miss that opens the 6 MB jar and reads its 3,000-entry directory, about 5 ms of every start, for a class no
 * command here uses.
 */
public final class CommandModel {

    /**
     * Makes what picocli asks of a factory here: the lists of multi-value parameters (the only options of a collection
     * type, {@link Bound#strings}), else an object by its no-argument constructor.
     */
    public static final IFactory FACTORY = new IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            return cls == List.class ? cls.cast(new ArrayList<>()) : cls.getDeclaredConstructor().newInstance();
        }
    };

    private CommandModel() {
    }

    /** The model of {@code command} named {@code name}, its options still to be added. */
    public static CommandSpec of(Object command, String name) {
        return CommandSpec.wrapWithoutInspection(command, FACTORY).name(name);
    }
}
