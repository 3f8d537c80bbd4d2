package io.slabtrace.parser.kernellog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Puts back together kernel lines a mail client broke: format=flowed soft breaks (the line ends in a
 * space), a re-wrap inside deep quoting (the tail carries one quote marker less), and a hard wrap
 * after a word the kernel never ends a record with ({@code ... use-after-free in} / {@code f+0x1/0x2}).
 * Only a line without a prefix of its own is taken as a tail, and never one that starts with white
 * space (the kernel's own continuation lines are indented) or with a line the reports begin with.
 */
final class LineJoiner {
    private static final int MAX_JOINED = 4096;
    /** Words a kernel record does not end with: what follows was cut off by the mail client. */
    private static final Pattern OPEN_TAIL = Pattern.compile(
            ".*(?:\\b(?:in|at|by task|of|from|addr|object at|is from|cache|Wrong slab cache\\.)|[,(\\[=:-])$");
    private static final Pattern FRESH = Pattern.compile(
            "(?:Call [Tt]race:|\\[<|BUG|INFO:|Allocated by|Freed by|allocated by|freed by|The buggy|Memory state|Object |Redzone |Padding |"
                    + "Bytes b4|={8}|-{8}|unreferenced object|---\\[|Unreclaimable slab info|Name {4}|CPU:|Hardware name|RIP:|Code:|<TASK>|"
                    + "</TASK>|<IRQ>|Workqueue:|kfence-#|hex dump|backtrace|comm \"|SLUB:|cache:|node \\d|WARNING:|Modules linked|"
                    + "\\*\\* \\d|Mem-Info|Node \\d|Tasks state|\\[ *pid *\\]|oom-kill|Out of memory|Killed process|Kernel panic|"
                    + "Read of size|Write of size|Free of addr|Use-after-free|Out-of-bounds|Corrupted memory|Invalid free|"
                    + "executing program|\\$ |# )");

    private LineJoiner() {
    }

    static List<KernelLogLine> join(List<KernelLogLine> in) {
        List<KernelLogLine> out = new ArrayList<>(in.size());
        for (KernelLogLine cur : in) {
            if (!out.isEmpty()) {
                KernelLogLine prev = out.get(out.size() - 1);
                if (isTail(prev, cur)) {
                    String a = prev.text().stripTrailing();
                    String b = cur.text().strip();
                    out.set(out.size() - 1, new KernelLogLine(prev.line(), prev.time(), prev.level(), prev.caller(), a + " " + b,
                            prev.timeAssumed(), prev.quoteDepth(), cur.trailingSpace(), prev.dropped()));
                    continue;
                }
            }
            out.add(cur);
        }
        return out;
    }

    private static boolean isTail(KernelLogLine prev, KernelLogLine cur) {
        if (cur.prefixed() || cur.dropped() > 0) return false;
        String t = cur.text();
        if (t.isBlank() || Character.isWhitespace(t.charAt(0)) || prev.text().isBlank()) return false;
        if (prev.text().length() + t.length() > MAX_JOINED) return false;
        if (FRESH.matcher(t).lookingAt()) return false;
        String p = prev.text().stripTrailing();
        if (prev.trailingSpace() && cur.quoteDepth() == prev.quoteDepth()) return true; // format=flowed soft break
        if (prev.quoteDepth() >= 2 && cur.quoteDepth() == prev.quoteDepth() - 1) return true; // re-wrapped inside deep quoting
        return prev.prefixed() && cur.quoteDepth() == prev.quoteDepth() && OPEN_TAIL.matcher(p).matches();
    }
}
