package io.slabtrace.cli;

import io.slabtrace.cli.error.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"top", "diff", "report", "explain", "layout", "dmesg", "simulate", "replay", "collect", "concepts"})
    void everyCommandHasHelp(String command) {
        Run r = Run.of(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Usage: slabtrace " + command), r.out());
        assertTrue(r.out().contains("\nExit status:\n  0   success"), r.out());
        assertTrue(r.out().contains("\n  2   a usage error"), r.out());
        Run inherited = Run.of("--debug", command, "--help"); // the root's --debug before the command that is added alone
        assertEquals(0, inherited.status(), inherited.err());
        assertEquals(r.out(), inherited.out());
    }

    @Test
    void withoutACommandTheUsageListsThemAllButTheHiddenOne() {
        Run r = Run.of();
        assertEquals(ExitCodes.USAGE, r.status());
        for (String c : new String[]{"top", "diff", "report", "explain", "layout", "dmesg", "simulate", "replay", "collect", "concepts"}) {
            assertTrue(r.err().contains("\n  " + c + " "), c + " missing from:\n" + r.err());
        }
        assertFalse(r.err().contains("cds-train"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"top --limit -1", "diff --limit -3 a b", "replay --limit -1 t", "report --top 0"})
    void negativeCountsAreUsageErrors(String line) {
        Run r = Run.of(line.split(" "));
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("--"), r.err());
        assertTrue(r.err().lines().findFirst().orElseThrow().contains("positive number"), r.err());
    }

    @Test
    void aMistypedCommandIsAUsageErrorWithASuggestion() {
        Run r = Run.of("replya", "trace.txt");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("Did you mean: slabtrace replay"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionComesFromThePom(String flag) {
        Run r = Run.of(flag);
        assertEquals(0, r.status());
        assertTrue(r.out().matches("(?s)slabtrace \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), r.out());
    }

    /** Cli lists the commands by name so a run reflects over only its own: each name must be the one its class declares. */
    @Test
    void everyListedNameIsItsCommandsOwn() {
        picocli.CommandLine all = Cli.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        all.getSubcommands().forEach((name, sub) -> assertEquals(name,
                sub.getCommand().getClass().getAnnotation(picocli.CommandLine.Command.class).name()));
        assertEquals(11, all.getSubcommands().size());
    }
}
