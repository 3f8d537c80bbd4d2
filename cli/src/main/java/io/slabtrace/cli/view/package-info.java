/**
 * What commands print: text tables, JSON and CSV shapes, units and the reader's language (en, zh).
 * <p>
 * Uses replay results and model types; no analysis and no I/O beyond the writer it is given.
 */
package io.slabtrace.cli.view;
