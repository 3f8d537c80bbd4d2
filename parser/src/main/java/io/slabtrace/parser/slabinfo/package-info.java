/**
 * /proc/slabinfo of every version (1.1, 2.0, 2.1, debug statistics) and series of snapshots into model snapshots.
 * <p>
 * Uses io.slabtrace.parser and io.slabtrace.model.
 */
package io.slabtrace.parser.slabinfo;
