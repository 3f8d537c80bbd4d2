/**
 * Exit statuses and the one-line error a user can act on.
 * <p>
 * Uses nothing; every cli package may use it.
 */
package io.slabtrace.cli.error;
