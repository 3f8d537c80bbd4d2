/**
 * Options shared by several commands (inputs, machine, cache creation, prose), how every command declares its options
 * in code ({@link io.slabtrace.cli.options.Bound}, {@link io.slabtrace.cli.options.CommandModel}: no annotation is read
 * at run time), and what options resolve to (the snapshots read, the live host read early, a collection directory).
 * <p>
 * Uses cli.error, cli.view (formats and languages), picocli's model, io.slabtrace.parser and io.slabtrace.model.
 */
package io.slabtrace.cli.options;
