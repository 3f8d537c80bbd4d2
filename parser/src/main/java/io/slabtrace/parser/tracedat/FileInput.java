package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** {@link Input} over a file: a 64 KiB window read with positional reads, movable with {@link #seek}. */
public final class FileInput extends Input {
    private final FileChannel channel;
    private final Path file;
    private final long size;
    private long winStart; // file offset of win[0]

    public FileInput(FileChannel channel, Path file) throws InputException {
        this.channel = channel;
        this.file = file;
        try {
            this.size = channel.size();
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        win = ByteBuffer.allocate(1 << 16);
        win.limit(0);
    }

    /** Another cursor on the same file, for a reader on another thread (positional reads do not share a position). */
    public FileInput another() throws InputException {
        FileInput other = new FileInput(channel, file);
        other.order(order());
        return other;
    }

    public Path file() {
        return file;
    }

    public long fileSize() {
        return size;
    }

    public void seek(long offset) throws InputException {
        if (offset < 0 || offset > size) throw damaged("an offset " + Long.toUnsignedString(offset) + " outside the file of " + size + " bytes", offset());
        if (offset >= winStart && offset <= winStart + win.limit()) {
            win.position((int) (offset - winStart));
        } else {
            winStart = offset;
            win.clear().limit(0);
        }
    }

    @Override
    public long offset() {
        return winStart + win.position();
    }

    @Override
    public long remaining() {
        return size - offset();
    }

    @Override
    protected void fill(int n) throws InputException {
        long at = offset();
        if (n > size - at) throw damaged("the file ends after " + (size - at) + " of " + n + " bytes needed", at);
        ByteOrder order = win.order();
        if (n > win.capacity()) { // keep the unread bytes in a larger window
            ByteBuffer larger = ByteBuffer.allocate(n).order(order);
            larger.put(win);
            win = larger;
        } else {
            win.compact(); // the unread bytes move to the front; the window now starts at 'at'
        }
        winStart = at;
        win.limit(win.capacity());
        int have = win.position();
        try {
            while (have < n) {
                int r = channel.read(win, at + have);
                if (r <= 0) throw damaged("the file ends after " + have + " of " + n + " bytes needed", at);
                have += r;
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read at offset " + at + " (" + e.getMessage() + ")", e);
        }
        win.flip();
    }

    @Override
    public InputException damaged(String what, long at) {
        return new InputException(file + ": " + what + " at offset " + at + " (0x" + Long.toHexString(at) + ")");
    }
}
