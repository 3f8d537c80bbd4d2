package io.slabtrace.cli.command;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/slabtrace/cli/version.properties")) {
            if (in != null) p.load(in);
        }
        return new String[] {"slabtrace " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.version")};
    }
}
