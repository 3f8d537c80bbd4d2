/**
 * The live terminal display of {@code top}: the terminal in raw mode through JLine (keys, size, resize,
 * restored on every way out), redrawn in place every interval like slabtop.
 * <p>
 * Used by cli.command; uses cli.view, cli.format and the modules below. JLine stays in this package.
 */
package io.slabtrace.cli.live;
