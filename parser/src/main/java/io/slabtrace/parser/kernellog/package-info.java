/**
 * Kernel logs (dmesg, /dev/kmsg, journalctl, syslog) into model.log events and reports.
 * <p>
 * Uses io.slabtrace.parser and io.slabtrace.model.log.
 */
package io.slabtrace.parser.kernellog;
