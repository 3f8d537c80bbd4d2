/**
 * Live collection on this host: the tick loop, sysfs sampling, the kmem tracer, OpenMetrics output and the collection directory's files.
 * <p>
 * I/O at the edge; uses cli.error, io.slabtrace.parser and io.slabtrace.model.
 */
package io.slabtrace.cli.collect;
