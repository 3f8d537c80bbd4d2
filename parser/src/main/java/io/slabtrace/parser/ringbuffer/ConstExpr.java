package io.slabtrace.parser.ringbuffer;

/**
 * Evaluates the constant C expressions the kernel's preprocessor leaves in a print fmt's flag tables,
 * e.g. {@code ( unsigned long)((( gfp_t)((((1UL))) << (10))|...)}: integer literals with U/L suffixes,
 * casts (skipped: every value is taken as 64 bits), {@code ~ ! - + * / % << >> & ^ | && ||} and parentheses.
 * libtraceevent evaluates the same way (event-parse.c {@code arg_num_eval}). Anything else (a
 * {@code REC->} field, a function call) is not constant: the table then cannot be used.
 */
final class ConstExpr {
    private final String s;
    private int i;

    private ConstExpr(String s) {
        this.s = s;
    }

    /** The value of {@code text}, or throws when it is not a constant expression. */
    static long eval(String text) throws TraceFormatException {
        ConstExpr e = new ConstExpr(text);
        long v = e.or();
        e.space();
        if (e.i != text.length()) throw new TraceFormatException("not a constant expression: '" + text + "'", e.i);
        return v;
    }

    private long or() throws TraceFormatException {
        long v = and();
        while (peek("||")) { i += 2; long r = and(); v = (v != 0 || r != 0) ? 1 : 0; }
        return v;
    }

    private long and() throws TraceFormatException {
        long v = bitOr();
        while (peek("&&")) { i += 2; long r = bitOr(); v = (v != 0 && r != 0) ? 1 : 0; }
        return v;
    }

    private long bitOr() throws TraceFormatException {
        long v = xor();
        while (peek("|") && !peek("||")) { i++; v |= xor(); }
        return v;
    }

    private long xor() throws TraceFormatException {
        long v = bitAnd();
        while (peek("^")) { i++; v ^= bitAnd(); }
        return v;
    }

    private long bitAnd() throws TraceFormatException {
        long v = shift();
        while (peek("&") && !peek("&&")) { i++; v &= shift(); }
        return v;
    }

    private long shift() throws TraceFormatException {
        long v = sum();
        while (true) {
            if (peek("<<")) { i += 2; v <<= sum(); }
            else if (peek(">>")) { i += 2; v >>>= sum(); }
            else return v;
        }
    }

    private long sum() throws TraceFormatException {
        long v = product();
        while (true) {
            if (peek("+")) { i++; v += product(); }
            else if (peek("-")) { i++; v -= product(); }
            else return v;
        }
    }

    private long product() throws TraceFormatException {
        long v = unary();
        while (true) {
            if (peek("*")) { i++; v *= unary(); }
            else if (peek("/")) { i++; long d = unary(); if (d == 0) throw fail("division by zero"); v = Long.divideUnsigned(v, d); }
            else if (peek("%")) { i++; long d = unary(); if (d == 0) throw fail("division by zero"); v = Long.remainderUnsigned(v, d); }
            else return v;
        }
    }

    private long unary() throws TraceFormatException {
        if (peek("~")) { i++; return ~unary(); }
        if (peek("!")) { i++; return unary() == 0 ? 1 : 0; }
        if (peek("-")) { i++; return -unary(); }
        if (peek("+")) { i++; return unary(); }
        if (peek("(")) {
            int close = castEnd();
            if (close > 0) { i = close + 1; return unary(); }
            i++;
            long v = or();
            if (!peek(")")) throw fail("')' expected");
            i++;
            return v;
        }
        return number();
    }

    /** Where a cast's ')' is when a '(' at {@link #i} opens one ({@code ( gfp_t)}, {@code (unsigned long)}, {@code (void *)}), else -1. */
    private int castEnd() {
        int j = i + 1;
        boolean word = false;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (Character.isLetter(c) || c == '_' || (word && Character.isDigit(c))) word = true;
            else if (c == ' ' || c == '*') { /* part of a type */ }
            else if (c == ')') return word ? j : -1;
            else return -1;
            j++;
        }
        return -1;
    }

    private long number() throws TraceFormatException {
        space();
        int start = i;
        long v;
        if (peekRaw("0x") || peekRaw("0X")) {
            i += 2;
            int digits = i;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) i++;
            if (i == digits || i - digits > 16) throw fail("bad hex number");
            v = Long.parseUnsignedLong(s.substring(digits, i), 16);
        } else {
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i == start || i - start > 19) throw fail("number expected");
            v = Long.parseLong(s.substring(start, i)); // a leading 0 is octal in C, but the kernel's tables only write 0 itself that way
        }
        while (i < s.length() && "uUlL".indexOf(s.charAt(i)) >= 0) i++;
        return v;
    }

    private boolean peek(String op) {
        space();
        return peekRaw(op);
    }

    private boolean peekRaw(String op) {
        return s.startsWith(op, i);
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private TraceFormatException fail(String why) {
        return new TraceFormatException(why + " at " + i + " in '" + s + "'", i);
    }
}
