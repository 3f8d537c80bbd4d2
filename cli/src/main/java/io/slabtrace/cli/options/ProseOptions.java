package io.slabtrace.cli.options;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.TextOrJson;
import picocli.CommandLine.Model.CommandSpec;

/** Output options of the explaining commands (declared in code: {@link Bound}). */
public final class ProseOptions {

    private final Bound<TextOrJson> format = new Bound<>(TextOrJson.text);

    private final Bound<Lang> lang = new Bound<>(Lang.en);

    /** Adds {@code --format} and {@code --lang} to {@code command}. */
    public void addTo(CommandSpec command) {
        command.addOption(format.option(TextOrJson.class, "--format").paramLabel("FORMAT")
                .description("text or json (default: ${DEFAULT-VALUE}).").build());
        command.addOption(lang.option(Lang.class, "--lang").paramLabel("LANG")
                .description("Language of the explanations: en or zh (default: ${DEFAULT-VALUE}).").build());
    }

    public TextOrJson format() {
        return format.value();
    }

    public Lang lang() {
        return lang.value();
    }
}
