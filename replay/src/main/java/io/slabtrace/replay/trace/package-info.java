/**
 * Trace replay: kmem events fed cache by cache through the allocator models from the snapshot before, reconciled with the snapshot after, with call sites, per-CPU traffic and findings.
 * <p>
 * Uses io.slabtrace.model and the trace reader of io.slabtrace.parser.trace; memory holds live objects and caches, never the number of events.
 */
package io.slabtrace.replay.trace;
