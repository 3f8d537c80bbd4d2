package io.slabtrace.cli.live;

import io.slabtrace.cli.format.TextTable;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The terminal as a full screen: raw mode (keys arrive one at a time, unechoed), the alternate screen
 * and a hidden cursor, all put back by {@link #close()}, or by a shutdown hook when the JVM is ended by a
 * signal. JLine's exec provider drives the tty through stty, so no native library is needed.
 */
final class Screen implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private final AtomicBoolean restored = new AtomicBoolean();
    private final Thread hook;
    private volatile boolean resized;
    private volatile boolean interrupted;

    private Screen(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        terminal.handle(Terminal.Signal.WINCH, s -> resized = true);
        terminal.handle(Terminal.Signal.INT, s -> interrupted = true); // Ctrl-C quits as q does, through close()
        this.hook = new Thread(this::restore, "terminal-restore");
        Runtime.getRuntime().addShutdownHook(hook); // SIGTERM, SIGHUP: the terminal is put back all the same
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
    }

    static Screen open() throws IOException {
        return new Screen(system());
    }

    /** The width of the terminal standard output goes to, or 0 when it is not one. */
    static int columns() {
        if (System.console() == null) return 0;
        try (Terminal t = system()) {
            return Math.max(t.getWidth(), 0);
        } catch (IOException | RuntimeException e) { // no usable tty after all: print every column
            return 0;
        }
    }

    private static Terminal system() throws IOException {
        return TerminalBuilder.builder().system(true).provider("exec").dumb(false).nativeSignals(true).build();
    }

    int width() {
        return terminal.getWidth();
    }

    int height() {
        return terminal.getHeight();
    }

    /** True once after each change of the terminal's size. */
    boolean resized() {
        boolean r = resized;
        resized = false;
        return r;
    }

    boolean interrupted() {
        return interrupted;
    }

    /** The next key, waiting at most {@code millis}: -2 when none came, -1 at end of input. */
    int key(long millis) throws IOException {
        NonBlockingReader r = terminal.reader();
        return r.read(Math.max(millis, 1));
    }

    /** {@code lines} from the top left, each cut to the width, as many as the height holds; the rest of the screen cleared. */
    void draw(List<String> lines) {
        int w = Math.max(width(), 1), h = Math.max(height(), 1);
        StringBuilder out = new StringBuilder("\033[H");
        for (int i = 0; i < Math.min(lines.size(), h); i++) {
            if (i > 0) out.append("\r\n");
            out.append(TextTable.cut(lines.get(i), w - 1)).append("\033[K"); // w - 1: a full last column makes some terminals wrap
        }
        out.append("\033[J");
        terminal.writer().print(out);
        terminal.flush();
    }

    private void restore() {
        if (!restored.compareAndSet(false, true)) return;
        terminal.puts(Capability.cursor_normal);
        terminal.puts(Capability.exit_ca_mode);
        terminal.setAttributes(saved);
        terminal.flush();
    }

    @Override
    public void close() throws IOException {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) { // already shutting down: the hook has run
        }
        terminal.close();
    }
}
