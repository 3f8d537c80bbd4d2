package io.slabtrace.cli;

import io.slabtrace.cli.command.ConceptsCommand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConceptsCommandTest {

    @Test
    void everyTopicExistsInBothLanguagesAndPointsToACommand() {
        for (String topic : ConceptsCommand.topics()) {
            for (String lang : new String[] {"en", "zh"}) {
                Run r = Run.of("concepts", topic, "--lang", lang);
                assertEquals(0, r.status(), topic + " " + lang + ": " + r.err());
                assertTrue(r.out().contains("slabtrace "), topic + " " + lang + " names no command");
            }
        }
        assertTrue(Run.of("concepts", "slab-structures", "--lang", "zh").out().contains("每 CPU 缓存 array_cache"));
        assertTrue(Run.of("concepts", "slub-structures", "--lang", "zh").out().contains("部分空闲"));
        assertTrue(Run.of("concepts", "memory-layers", "--lang", "zh").out().contains("伙伴系统"));
    }

    @Test
    void listAndUnknownTopic() {
        assertTrue(Run.of("concepts").out().contains("constructor"));
        Run bad = Run.of("concepts", "gc");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("no topic 'gc'"), bad.err());
    }
}
