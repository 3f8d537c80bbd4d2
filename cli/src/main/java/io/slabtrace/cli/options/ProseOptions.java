package io.slabtrace.cli.options;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.TextOrJson;
import picocli.CommandLine.Option;

/** Output options of the explaining commands. */
public final class ProseOptions {

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    public TextOrJson format = TextOrJson.text;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the explanations: en or zh (default: ${DEFAULT-VALUE}).")
    public Lang lang = Lang.en;
}
