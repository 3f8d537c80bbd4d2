package io.slabtrace.cli;

import io.slabtrace.cli.error.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"top", "diff", "report", "explain", "layout", "dmesg", "simulate", "replay", "collect", "concepts", "completion"})
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
        assertEquals(List.of("try 'slabtrace " + line.split(" ")[0] + " --help'"), r.err().lines().skip(1).toList(),
                "one line and where to look, not the whole usage");
    }

    /** A parameter the command needs is required as @Parameters made it (the builder's default is optional). */
    @ParameterizedTest
    @ValueSource(strings = {"diff INPUT", "replay TRACE", "dmesg LOG", "simulate SCENARIO", "completion SHELL"})
    void aMissingParameterIsNamed(String commandAndLabel) {
        String[] c = commandAndLabel.split(" ");
        Run r = Run.of(c[0]);
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("Missing required parameter: '" + c[1] + "'\nUsage: slabtrace " + c[0]), r.err());
        assertEquals("", r.out());
    }

    @Test
    void explainTakesACacheOrAllButNotBoth() {
        Run neither = Run.of("explain"), both = Run.of("explain", "dentry", "--all");
        assertEquals(ExitCodes.USAGE, neither.status());
        assertTrue(neither.err().startsWith("Error: Missing required argument (specify one of these): (CACHE | --all)"), neither.err());
        assertEquals(ExitCodes.USAGE, both.status());
        assertEquals(List.of("Error: CACHE, --all are mutually exclusive (specify only one)", "try 'slabtrace explain --help'"),
                both.err().lines().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void completionScriptPassesBashNAndCompletesCommandsAndOptions(String shell) throws Exception {
        Run r = Run.of("completion", shell);
        assertEquals(0, r.status(), r.err());
        java.nio.file.Path script = java.nio.file.Files.createTempFile("slabtrace-completion", ".bash");
        try {
            java.nio.file.Files.writeString(script, r.out());
            assertEquals("", bash("-n", script.toString()), "bash -n");
            // what bash asks the script when a person presses TAB after "slabtrace top --so"
            String reply = bash("-c", "source '" + script + "' 2>/dev/null; COMP_WORDS=(slabtrace top --so); COMP_CWORD=2; "
                    + "_complete_slabtrace slabtrace --so top 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
            assertEquals("--sort", reply.strip());
            String commands = bash("-c", "source '" + script + "' 2>/dev/null; COMP_WORDS=(slabtrace co); COMP_CWORD=1; "
                    + "_complete_slabtrace slabtrace co slabtrace 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
            assertEquals(List.of("collect", "concepts", "completion"), commands.lines().sorted(java.util.Comparator.comparing(c -> c.equals("completion") ? "~" : c)).toList());
        } finally {
            java.nio.file.Files.delete(script);
        }
        assertFalse(r.out().contains("cds-train"), "the hidden command is not offered");
        assertTrue(r.out().contains("ZSH_VERSION") && r.out().contains("bashcompinit"), "zsh loads bash's completion");
    }

    private static String bash(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
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

    /** Cli lists the commands by name so a run builds only its own: each name must be the one its class declares. */
    @Test
    void everyListedNameIsItsCommandsOwn() {
        picocli.CommandLine all = Cli.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        all.getSubcommands().forEach((name, sub) -> assertEquals(name, declaredName(sub.getCommand().getClass())));
        assertEquals(12, all.getSubcommands().size());
    }

    /**
     * The name in the model a command declares in code (a new instance's, not renamed by Cli). A picocli annotation
     * would be read at every start of the command, which is what declaring it in code avoids.
     */
    private static String declaredName(Class<?> command) {
        assertEquals(null, command.getAnnotation(picocli.CommandLine.Command.class), command + " is annotated");
        try {
            Object fresh = command.getDeclaredConstructor().newInstance();
            return ((picocli.CommandLine.Model.CommandSpec) command.getMethod("spec").invoke(fresh)).name();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(command + " has no spec()", e);
        }
    }

    /** A command declared in code prints the version as the root does (an annotated subcommand's -V printed nothing). */
    @ParameterizedTest
    @ValueSource(strings = {"top", "diff", "report", "explain", "layout", "dmesg", "simulate", "replay", "collect", "concepts", "completion"})
    void aSubcommandsVersionIsTheRootsToo(String command) {
        Run root = Run.of("--version"), sub = Run.of(command, "-V");
        assertEquals(0, sub.status());
        assertEquals(root.out(), sub.out());
        assertTrue(sub.out().startsWith("slabtrace "), sub.out());
    }

    /** The launcher's training run uses every command it names as the commands are now: a failing one ends it with status 3. */
    @Test
    void theClassDataTrainingRunsEveryCommandItNames() {
        Run r = Run.of("cds-train");
        assertEquals(0, r.status(), r.err());
    }
}
