package io.slabtrace.cli.options;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Options declared in code, for the commands a user waits on at every start ({@code top}, and what it shares):
 * reading a command's annotations costs picocli about 45 ms of a cold start (annotation proxies generated, fields and
 * methods reflected, all interpreted), more than the command itself. Each option is bound to its field by a getter and
 * a setter; its initial value, shown as {@code ${DEFAULT-VALUE}}, is the field's value when the spec is built.
 */
public final class Bound<T> implements IGetter, ISetter {

    private final Supplier<T> getter;
    private final Consumer<T> setter;

    private Bound(Supplier<T> getter, Consumer<T> setter) {
        this.getter = getter;
        this.setter = setter;
    }

    /** An option of {@code type} named {@code names}, read and written through {@code get} and {@code set}. */
    public static <T> OptionSpec.Builder option(Class<T> type, Supplier<T> get, Consumer<T> set, String... names) {
        Bound<T> b = new Bound<>(get, set);
        return OptionSpec.builder(names).type(type).getter(b).setter(b).initialValue(get.get()).hasInitialValue(true);
    }

    /** Positional parameters, as many as {@code arity} says, collected in a list of strings. */
    public static PositionalParamSpec.Builder strings(String arity, Supplier<java.util.List<String>> get, Consumer<java.util.List<String>> set) {
        @SuppressWarnings({"unchecked", "rawtypes"}) Bound<?> b = new Bound(get, set);
        return PositionalParamSpec.builder().arity(arity).type(java.util.List.class).auxiliaryTypes(String.class).getter(b).setter(b);
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

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
        return (V) getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
        V old = get();
        setter.accept((T) value);
        return old;
    }
}
