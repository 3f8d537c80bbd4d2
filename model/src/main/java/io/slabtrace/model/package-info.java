/**
 * The domain: slabinfo rows and snapshots, their memory arithmetic, and the allocator flavour a capture came from.
 * <p>
 * Uses only the JDK; every other package of the project may use it.
 */
package io.slabtrace.model;
