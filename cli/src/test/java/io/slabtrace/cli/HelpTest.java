package io.slabtrace.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"top", "diff", "explain", "layout", "concepts"})
    void everyCommandHasHelp(String command) {
        Run r = Run.of(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Usage: slabtrace " + command), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionComesFromThePom(String flag) {
        Run r = Run.of(flag);
        assertEquals(0, r.status());
        assertTrue(r.out().matches("(?s)slabtrace \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), r.out());
    }
}
