package io.slabtrace.cli;

import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Build step, not part of the tool: picocli-codegen writes one AsciiDoc man page per command
 * (slabtrace.adoc, slabtrace-top.adoc, ...) from the same model {@code --help} prints, and the build turns
 * them into troff with Asciidoctor's manpage backend (cli/pom.xml). picocli-codegen is a build-only
 * dependency, so this class is left out of the jar.
 */
final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        CommandLine all = Cli.commandLine(none, none);
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, all.getCommandSpec());
        if (status != 0) throw new IllegalStateException("man page generation failed: " + status);
    }
}
