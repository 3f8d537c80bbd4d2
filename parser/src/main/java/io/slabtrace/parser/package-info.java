/**
 * Inputs as bytes and lines: opening files, directories, tar and gzip, chunked line reading on worker threads, and the problems found on the way (FILE:LINE warnings, InputException).
 * <p>
 * Shared by every reader below it; uses only the JDK and io.slabtrace.model.
 */
package io.slabtrace.parser;
