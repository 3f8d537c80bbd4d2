/**
 * How output is shaped, whatever the command: text tables, byte and percent units, the JSON and CSV writers
 * (Jackson, snake_case), output-format choices, and the reader's language (en, zh).
 * <p>
 * Uses the JDK and Jackson only; cli.view, cli.report and cli.options build on it.
 */
package io.slabtrace.cli.format;
