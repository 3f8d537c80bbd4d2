package io.slabtrace.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/**
 * Reads lines as {@link java.io.BufferedReader#readLine} does (ended by LF, CR or CRLF), but never holds more than
 * {@link LineBytes#MAX_LINE} bytes of one line: a longer line is read past and returned as the empty string, with
 * {@link #overlong()} giving its length, so memory stays bounded whatever the input (a 1 GiB line, a 2 GB hole).
 */
public final class TextLines {
    private final InputStream in;
    private final Charset charset;
    private final byte[] buf = new byte[1 << 16];
    private int pos, end;
    private byte[] line = new byte[256];
    private long overlong;
    private boolean eof;

    public TextLines(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
    }

    /** The next line without its terminator, "" for a line over the limit, or null at the end. */
    public String readLine() throws IOException {
        overlong = 0;
        long length = 0;
        int kept = 0;
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                if (!any) return null;
                break;
            }
            any = true;
            int i = pos;
            while (i < end && buf[i] != '\n' && buf[i] != '\r') i++;
            int n = i - pos;
            if (length + n <= LineBytes.MAX_LINE) {
                if (kept + n > line.length) line = java.util.Arrays.copyOf(line, Math.max(kept + n, Math.min(LineBytes.MAX_LINE, line.length * 2)));
                System.arraycopy(buf, pos, line, kept, n);
                kept += n;
            }
            length += n;
            pos = i;
            if (i < end) {
                byte terminator = buf[pos++];
                if (terminator == '\r') {
                    if (pos == end) fill();
                    if (pos < end && buf[pos] == '\n') pos++;
                }
                break;
            }
        }
        if (length > LineBytes.MAX_LINE) {
            overlong = length;
            if (line.length > 1 << 16) line = new byte[256]; // give the big buffer back
            return "";
        }
        return new String(line, 0, kept, charset);
    }

    /** The length in bytes of the line {@link #readLine} just skipped for being over the limit, else 0. */
    public long overlong() {
        return overlong;
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = n < 0;
            pos = end = 0;
            return !eof && fill();
        }
        pos = 0;
        end = n;
        return true;
    }
}
