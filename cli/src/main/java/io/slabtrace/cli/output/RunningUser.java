package io.slabtrace.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;

/**
 * The user this process runs as (its effective uid): the owner the kernel gives {@code /proc/self}.
 * Java has no getuid(); this needs no passwd entry, which a container's uid may lack.
 */
public final class RunningUser {
    private static final Path SELF = Path.of("/proc/self");

    private RunningUser() {
    }

    static int uid() {
        try {
            return (int) Files.getAttribute(SELF, "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("/proc/self: " + e.getMessage(), e);
        }
    }

    /** The same user as a principal, to compare with a file's owner. */
    public static UserPrincipal principal() {
        try {
            return Files.readAttributes(SELF, PosixFileAttributes.class).owner();
        } catch (IOException e) {
            throw new UncheckedIOException("/proc/self: " + e.getMessage(), e);
        }
    }
}
