/**
 * Writing files as root safely: a directory held open by its descriptor, files created exclusively without
 * following links, whole files renamed into place, and paths checked the way careful root tools check them.
 * <p>
 * Uses only the JDK; cli.collect and the commands write through it, nothing else writes files.
 */
package io.slabtrace.cli.output;
