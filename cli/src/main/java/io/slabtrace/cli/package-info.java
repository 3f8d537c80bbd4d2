/**
 * The entry point: Main, the root command, and Cli, which wires picocli (the command list, exit codes, error handling).
 * <p>
 * May use every cli package; nothing below it uses this one.
 */
package io.slabtrace.cli;
