package io.slabtrace.cli.options;

import io.slabtrace.model.Snapshot;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyReadTest {

    /** It stands for a command's own read only where that read would be the same: no inputs, no --strict, no --tz. */
    @Test
    void fitsOnlyTheDefaultRead() {
        assertTrue(EarlyRead.fits(null, parsed()));
        assertTrue(EarlyRead.fits(List.of(), parsed()));
        assertFalse(EarlyRead.fits(List.of("slabinfo.before"), parsed()));
        assertFalse(EarlyRead.fits(List.of(), parsed("--strict")));
        assertFalse(EarlyRead.fits(List.of(), parsed("--tz", "UTC")));
        assertTrue(EarlyRead.fits(List.of(), parsed("--page-size", "65536"))); // memory is figured after the read: the read is the same
    }

    /** Input options as a command line sets them. */
    private static InputOptions parsed(String... args) {
        InputOptions opts = new InputOptions();
        CommandSpec spec = CommandSpec.create();
        opts.addTo(spec);
        new CommandLine(spec).parseArgs(args);
        return opts;
    }

    /** What it hands over is what the command's own read gives: the live host's one snapshot, labelled as such. */
    @Test
    void takeGivesWhatTheCommandsOwnReadWould() {
        StringWriter earlyErr = new StringWriter(), ownErr = new StringWriter();
        List<Snapshot> early = new ArrayList<>(), own = new ArrayList<>();
        SnapshotSource.Reading e = EarlyRead.start().take(new PrintWriter(earlyErr, true), early::add);
        SnapshotSource.Reading o = SnapshotSource.read(List.of(), new InputOptions(), new PrintWriter(ownErr, true), own::add);
        assertEquals(o.label(), e.label());
        assertEquals(Files.isReadable(Path.of(SnapshotSource.LIVE)) ? SnapshotSource.LIVE : SnapshotSource.SAMPLE, e.label());
        assertEquals(1, e.snapshots());
        assertEquals(1, early.size());
        assertEquals(o.skippedLines(), e.skippedLines());
        assertEquals(ownErr.toString(), earlyErr.toString()); // the same warnings, printed where the command's read prints them
        // read the same way (the counts themselves move between two reads of a live host)
        assertEquals(own.get(0).format(), early.get(0).format());
        assertEquals(own.get(0).source(), early.get(0).source());
        assertFalse(early.get(0).caches().isEmpty());
    }
}
