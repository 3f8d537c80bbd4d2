/**
 * What each command prints: its text, and the records its JSON and CSV are made of.
 * <p>
 * Uses replay results and model types; no analysis and no I/O beyond the writer it is given.
 */
package io.slabtrace.cli.view;
