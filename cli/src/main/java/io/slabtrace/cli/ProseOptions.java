package io.slabtrace.cli;

import picocli.CommandLine.Option;

/** Output options of the explaining commands. */
public final class ProseOptions {

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    TextOrJson format = TextOrJson.text;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the explanations: en or zh (default: ${DEFAULT-VALUE}).")
    Lang lang = Lang.en;
}
