package io.slabtrace.cli.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Damages a seed input the ways real captures get damaged, and the ways that broke the readers before: bytes flipped,
 * cut, duplicated or spliced; numbers swapped for 2^63−1, 25 digits, negatives and zero; impossible times; lines
 * repeated thousands of times; continuation lines; NUL and CR bytes. Seeded, so a failure is reproduced by its seed.
 */
final class Mutator {
    private static final String[] NUMBERS = {"0", "-1", "1", "4294967296", "9223372036854775807", "9223372036854775808",
            "18446744073709551615", "99999999999999999999999", "2147483648", "-9223372036854775808", "65536", "1e9"};
    private static final String[] TOKENS = {"2025-02-30T21:60:00", "1795618230", "Wed Nov 25 12:31:01 UTC 2026", ": tunables",
            ": slabdata", "# name", "slabinfo - version: 2.1", "[LOST 99999999999999999999 EVENTS]", "#P:4096000",
            "# entries-in-buffer/entries-written: 1/99999999999999999999", "kmalloc-4294967296", "ctor ", "  ", "\t", ":", "\r",
            "\0", "tick 9223372036854775807", "alloc 200000000", "free #1..#9223372036854775807", "cache c size=40",
            "/sys/kernel/slab/x/object_size:", "6,99999999999999999999,1,-;", "[99999999999.999999] ", "BUG: KASAN: ",
            "Unreclaimable slab info:", "Name                      Used          Total"};

    private final Random random;

    Mutator(long seed) {
        random = new Random(seed);
    }

    byte[] mutate(byte[] seed, byte[] other) {
        byte[] b = seed;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) b = once(b, other);
        return b;
    }

    private byte[] once(byte[] b, byte[] other) {
        if (b.length == 0) return bytes(TOKENS[random.nextInt(TOKENS.length)]);
        int at = random.nextInt(b.length + 1);
        return switch (random.nextInt(11)) {
            case 0 -> flip(b);
            case 1 -> cut(b, at, random.nextInt(Math.min(b.length - Math.min(at, b.length), 200) + 1));
            case 2 -> insert(b, at, bytes(NUMBERS[random.nextInt(NUMBERS.length)]));
            case 3 -> replaceNumber(b);
            case 4 -> insert(b, at, bytes(TOKENS[random.nextInt(TOKENS.length)]));
            case 5 -> repeatLine(b, at, 1 + random.nextInt(random.nextBoolean() ? 10 : 3000));
            case 6 -> Arrays.copyOf(b, at); // truncated, as a cut-off capture
            case 7 -> splice(b, other, at);
            case 8 -> insert(b, at, bytes("\n" + "  " + NUMBERS[random.nextInt(NUMBERS.length)]).clone());
            case 9 -> swapLines(b);
            default -> insert(b, at, longRun());
        };
    }

    private byte[] flip(byte[] b) {
        byte[] c = b.clone();
        for (int n = 1 + random.nextInt(8); n > 0; n--) c[random.nextInt(c.length)] = (byte) random.nextInt(256);
        return c;
    }

    private static byte[] cut(byte[] b, int at, int n) {
        at = Math.min(at, b.length);
        n = Math.min(n, b.length - at);
        byte[] c = new byte[b.length - n];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + n, c, at, b.length - at - n);
        return c;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.length + what.length);
        o.write(b, 0, at);
        o.write(what, 0, what.length);
        o.write(b, at, b.length - at);
        return o.toByteArray();
    }

    /** A run of digits in the input becomes one of the hostile numbers. */
    private byte[] replaceNumber(byte[] b) {
        int start = random.nextInt(b.length);
        while (start < b.length && !Character.isDigit(b[start])) start++;
        if (start == b.length) return b;
        int end = start;
        while (end < b.length && Character.isDigit(b[end])) end++;
        return insert(cut(b, start, end - start), start, bytes(NUMBERS[random.nextInt(NUMBERS.length)]));
    }

    /** The line around {@code at}, repeated: a dump repeating one attribute, a log repeating one message. */
    private static byte[] repeatLine(byte[] b, int at, int times) {
        int s = Math.min(at, b.length - 1), e = s;
        while (s > 0 && b[s - 1] != '\n') s--;
        while (e < b.length && b[e] != '\n') e++;
        byte[] line = Arrays.copyOfRange(b, s, Math.min(e + 1, b.length));
        if (line.length * (long) times > 4 << 20) times = Math.max(1, (4 << 20) / Math.max(1, line.length));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) o.write(line, 0, line.length);
        return insert(b, s, o.toByteArray());
    }

    private byte[] splice(byte[] b, byte[] other, int at) {
        if (other.length == 0) return b;
        int from = random.nextInt(other.length), n = Math.min(other.length - from, 1 + random.nextInt(4096));
        return insert(b, at, Arrays.copyOfRange(other, from, from + n));
    }

    private byte[] swapLines(byte[] b) {
        String[] lines = new String(b, StandardCharsets.ISO_8859_1).split("\n", -1);
        if (lines.length < 2) return b;
        int i = random.nextInt(lines.length), j = random.nextInt(lines.length);
        String t = lines[i];
        lines[i] = lines[j];
        lines[j] = t;
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A long line (up to 2 MiB, past the readers' 1 MiB limit at times) of one repeated word. */
    private byte[] longRun() {
        String word = random.nextBoolean() ? "ctor " : random.nextBoolean() ? "1 " : "a";
        int n = random.nextInt(4) == 0 ? (2 << 20) / word.length() : random.nextInt(20_000);
        return word.repeat(n).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
