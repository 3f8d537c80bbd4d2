/**
 * Decodes ftrace ring-buffer pages and tracefs event {@code format} descriptions into kmem events.
 * Pure decoding over bytes handed in (a page, a format text, kallsyms text): may use the JDK and the model only, no file I/O.
 */
package io.slabtrace.parser.ringbuffer;
