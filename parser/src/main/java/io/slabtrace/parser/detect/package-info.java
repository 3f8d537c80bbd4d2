/**
 * Recognising an input by its content (slabinfo, sysfs, kernel log, kmem trace, scenario), never by its name.
 * <p>
 * Uses the readers' own markers; may use io.slabtrace.parser and its family packages.
 */
package io.slabtrace.parser.detect;
