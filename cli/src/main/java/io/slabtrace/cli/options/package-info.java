/**
 * Options shared by several commands (inputs, machine, cache creation, prose) and what they resolve to (the snapshots read, a collection directory).
 * <p>
 * Uses cli.error, cli.view (formats and languages), io.slabtrace.parser and io.slabtrace.model.
 */
package io.slabtrace.cli.options;
