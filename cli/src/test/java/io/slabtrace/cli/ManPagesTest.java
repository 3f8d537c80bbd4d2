package io.slabtrace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's man page step (ManPages, run by cli/pom.xml before the jar is packed): one page per command, none for the hidden one. */
class ManPagesTest {
    @TempDir
    Path dir;

    @Test
    void onePagePerCommandWithItsOptionsAndTheExitStatus() throws Exception {
        ManPages.main(new String[]{dir.toString()});
        List<String> pages;
        try (Stream<Path> s = Files.list(dir)) {
            pages = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("slabtrace-collect.adoc", "slabtrace-completion.adoc", "slabtrace-concepts.adoc", "slabtrace-diff.adoc",
                "slabtrace-dmesg.adoc", "slabtrace-explain.adoc", "slabtrace-layout.adoc", "slabtrace-replay.adoc", "slabtrace-report.adoc",
                "slabtrace-simulate.adoc", "slabtrace-top.adoc", "slabtrace.adoc"), pages);
        String top = Files.readString(dir.resolve("slabtrace-top.adoc"));
        assertTrue(top.contains(":doctype: manpage"), top);
        assertTrue(top.contains("= slabtrace-top(1)"), top);
        assertTrue(top.contains("*--interval*=_TIME_"), top);
        assertTrue(top.contains("dmesg --fail-on-findings found something"), "the exit status list");
    }
}
