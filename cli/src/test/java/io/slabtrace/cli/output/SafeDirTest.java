package io.slabtrace.cli.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one write mechanism, without root: names are created exclusively, links are replaced or refused, never written through. */
class SafeDirTest {
    @TempDir
    Path base;

    Path victim() throws IOException {
        return Files.writeString(base.resolve("victim"), "precious\n");
    }

    @Test
    void aNewFileIsNeverOpenedThroughALinkOrOverAFile() throws Exception {
        Path out = Files.createDirectory(base.resolve("out"));
        Files.createSymbolicLink(out.resolve("slabinfo.log"), victim());
        Files.createSymbolicLink(out.resolve("dangling"), base.resolve("would-be-created"));
        try (SafeDir d = SafeDir.open(out, false)) {
            assertThrows(FileAlreadyExistsException.class, () -> d.createNew("slabinfo.log", SafeDir.PRIVATE));
            assertThrows(FileAlreadyExistsException.class, () -> d.createNew("dangling", SafeDir.PRIVATE));
            assertThrows(IOException.class, () -> d.append("slabinfo.log"), "O_NOFOLLOW: ELOOP");
        }
        assertEquals("precious\n", Files.readString(base.resolve("victim")));
        assertTrue(Files.notExists(base.resolve("would-be-created")));
    }

    @Test
    void replaceRenamesOverALinkAndLeavesNoTemporaryFile() throws Exception {
        Path out = Files.createDirectory(base.resolve("out"));
        Files.createSymbolicLink(out.resolve("meta.json"), victim());
        Files.createSymbolicLink(out.resolve(".meta.json.tmp"), base.resolve("victim"));
        try (SafeDir d = SafeDir.open(out, false)) {
            d.replace("meta.json", "{}\n".getBytes(), SafeDir.PRIVATE);
            d.replace("meta.json", "{ }\n".getBytes(), SafeDir.PRIVATE);
            assertEquals(4, d.replace("other", SafeDir.PRIVATE, o -> o.write("abcd".getBytes())), "bytes written, as counted");
        }
        assertEquals("precious\n", Files.readString(base.resolve("victim")));
        assertTrue(Files.isRegularFile(out.resolve("meta.json"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("{ }\n", Files.readString(out.resolve("meta.json")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(".meta.json.tmp", "meta.json", "other"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFailedBodyLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Path out = Files.createDirectory(base.resolve("out"));
        Files.writeString(out.resolve("slab.prom"), "old\n");
        try (SafeDir d = SafeDir.open(out, false)) {
            assertThrows(IOException.class, () -> d.replace("slab.prom", SafeDir.SHARED, o -> {
                o.write("half".getBytes());
                throw new IOException("disk full");
            }));
        }
        assertEquals("old\n", Files.readString(out.resolve("slab.prom")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aHeldDirectoryIsOpenedWithoutFollowingALinkSwappedIn() throws Exception {
        Path real = Files.createDirectory(base.resolve("real"));
        Path link = Files.createSymbolicLink(base.resolve("link"), real);
        assertThrows(IOException.class, () -> SafeDir.hold(link), "the last name is opened with O_NOFOLLOW");
        assertEquals(real, TrustedPath.resolve(link), "a link the running user owns is resolved, then held");
        assertEquals(real, TrustedPath.resolve(base.resolve("real/../link/.")));
        assertEquals(base.resolve("real/new/deeper"), TrustedPath.resolve(base.resolve("link/new/deeper")), "the missing rest as given");
    }
}
