package io.slabtrace.cli.options;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

import java.util.List;

/**
 * The value of an option declared in code, as every command declares its options (none is annotated): reading a
 * command's annotations costs picocli about 45 ms of a cold start (annotation proxies generated, fields and methods
 * reflected, all interpreted), more than the command itself. The option reads and writes this holder, and the
 * command reads {@link #value}: no reflection, and no lambda to link per option. Its initial value is shown as
 * {@code ${DEFAULT-VALUE}}.
 */
public class Bound<T> implements IGetter, ISetter {

    private T value;

    public Bound(T initial) {
        this.value = initial;
    }

    public T value() {
        return value;
    }

    /** Sets the value as the command line would, checked the same way. */
    public void value(T v) {
        check(v);
        value = v;
    }

    /** An option of {@code type} named {@code names}, holding its value here. */
    public OptionSpec.Builder option(Class<?> type, String... names) {
        return OptionSpec.builder(names).type(type).getter(this).setter(this).initialValue(value).hasInitialValue(true);
    }

    /**
     * A positional parameter of {@code type}, as many values as {@code arity} says, holding its value here. Required
     * when the arity asks for one at least, as {@code @Parameters} makes it (the builder would not).
     */
    public PositionalParamSpec.Builder parameter(String arity, Class<?> type) {
        return PositionalParamSpec.builder().arity(arity).required(Range.valueOf(arity).min() > 0).type(type)
                .getter(this).setter(this).initialValue(value).hasInitialValue(true);
    }

    /**
     * What a value must be before it is kept: a command-line value that fails throws picocli's
     * {@code ParameterException}, which the command line reports in one line.
     */
    protected void check(T v) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
        return (V) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V v) {
        V old = (V) value;
        value((T) v);
        return old;
    }

    /**
     * Positional parameters, as many as {@code arity} says (required as {@link #parameter}'s), collected in a list of
     * strings held by {@code into}.
     */
    public static PositionalParamSpec.Builder strings(String arity, Bound<List<String>> into) {
        return into.parameter(arity, List.class).auxiliaryTypes(String.class);
    }

    /**
     * What {@code mixinStandardHelpOptions} adds, without the reflection over picocli's own mixin: {@code -h} and
     * {@code -V}, and the version a subcommand's {@code -V} prints (an annotated subcommand's prints nothing).
     */
    public static void helpOptions(CommandSpec spec, IVersionProvider version) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        spec.versionProvider(version);
    }
}
