/**
 * The HTML report: the page, its sections (slabs, kernel log, replay), and the charts and pictures drawn with JFreeChart.
 * <p>
 * Uses cli.view, cli.options, cli.error and replay results; writes no files itself.
 */
package io.slabtrace.cli.report;
