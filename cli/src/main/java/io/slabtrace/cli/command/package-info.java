/**
 * One class per subcommand: reads its options, calls one entry point in replay or parser, and hands the result to a view.
 * <p>
 * Uses cli.options, cli.view, cli.report, cli.collect, cli.error and the modules below; no analysis here.
 */
package io.slabtrace.cli.command;
