package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** The background needed to read slab figures. Its options are declared in code ({@link Bound}). */
public final class ConceptsCommand implements Callable<Integer> {
    private static final String BASE = "/io/slabtrace/cli/concepts/";

    private CommandSpec spec;

    private final Bound<String> topic = new Bound<>(null);

    private final Bound<Lang> lang = new Bound<>(Lang.en);

    /** The command line's model of this command, bound to this object; its options are listed sorted. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "concepts");
        spec.usageMessage().description(
                "The background needed to read slab figures: slabinfo fields, SLAB and SLUB structures, "
                + "allocation and free paths, constructors, merging, and how slab memory differs from malloc. "
                + "Without TOPIC: the list of topics.");
        spec.addPositional(topic.parameter("0..1", String.class).paramLabel("TOPIC")
                .description("A topic from the list ('all' prints every one).").build());
        spec.addOption(lang.option(Lang.class, "--lang").paramLabel("LANG")
                .description("en or zh (default: ${DEFAULT-VALUE}).").build());
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String topic = this.topic.value();
        List<String> topics = topics();
        if (topic == null) {
            for (String t : topics) out.printf("  %-16s %s%n", t, text(t).lines().findFirst().orElse(""));
            out.println();
            out.println("slabtrace concepts TOPIC [--lang zh]");
        } else if (topic.equals("all")) {
            for (String t : topics) out.println(text(t));
        } else if (topics.contains(topic)) {
            out.println(text(topic));
        } else {
            throw new UserError("no topic '" + topic + "'; topics: " + String.join(", ", topics), ExitCodes.USAGE);
        }
        out.flush();
        return ExitCodes.OK;
    }

    public static List<String> topics() {
        return read(BASE + "topics.txt").lines().filter(l -> !l.isBlank()).toList();
    }

    String text(String t) {
        return read(BASE + lang.value().name() + "/" + t + ".txt");
    }

    private static String read(String resource) {
        try (InputStream in = ConceptsCommand.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
