package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.ReportFacts;
import io.slabtrace.model.log.Stack;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the report scanners share: where a report ends, its text in one piece, its stacks, and the lines nobody understood. */
final class Blocks {
    /** At most this much of a report is read as one text: a KASAN report with page_owner stacks is about 20 KB. */
    private static final int MAX_TEXT = 65536;
    static final Pattern RULE = Pattern.compile("={20,}\\s*");
    /** The first line of every report kind read here: a report ends where the next one begins. */
    static final Pattern TITLE = Pattern.compile(
            "(?:BUG: (?:KASAN|KASan|KFENCE): |BUG \\S+ \\(|unreferenced object |BUG: memory leak|Unreclaimable slab info:|"
                    + "\\S+: Wrong slab cache\\.|SLUB: Unable to allocate|SLAB: Unable to allocate|-+\\[ cut here \\]-+|"
                    + "kmem_cache_destroy \\S+: Slab cache still has objects|slab error in )");
    private static final Pattern RELEASE = Pattern.compile("(?:Not tainted|Tainted: [A-Z ]{1,40}?) ?(\\d+\\.\\d+[\\w.+~-]{0,60}) #");
    /**
     * Lines every oops-like report carries that say nothing about the slab ({@code lib/dump_stack.c},
     * {@code show_regs}, {@code dump_page}, KASAN's shadow dump): read and passed over, not counted as unparsed.
     */
    private static final Pattern COMMON = Pattern.compile(
            "(?:$|[=-]{8}|Call [Tt]race:|<TASK>|</TASK>|<IRQ>|</IRQ>|<EOI>|<NMI>|CPU: |Hardware name:|Workqueue:|Modules linked in:|"
                    + "Tainted: |RIP: |Code: |RSP: |RAX: |RBX: |RDX: |RBP: |R\\d{2}: |FS: |CS: |CR2: |DR\\d: |PKRU: |EFLAGS|"
                    + "NIP|LR |CTR|REGS|MSR|GPR\\d|CFAR|IRQMASK|--- interrupt|pc : |lr : |sp : |x\\d{1,2}: |pstate|"
                    + "Exception stack|Internal error|Mem abort info|Data abort info|ESR|EC = |SET = |FnV|EA = |S1PTW|ISV|CM = |"
                    + "page:|page dumped|flags: |raw: |head: |memcg:|anon flags|page_type|page_owner|page last|page_ext|"
                    + "Memory state around|>?\\s?[0-9a-f]{8,16}: |\\^|\\[ *\\d+\\.\\d+\\]|irq event stamp|hardirqs|softirqs|"
                    + "Disabling lock debugging|Kernel panic|---\\[|\\.{3}|\\[\\.{3}\\]|PID: |Comm: |"
                    + "Last potentially related|Second to last potentially|\\(stack is not available\\)|Unable to handle|Oops|"
                    + "BUG: unable to handle|#PF: |PGD |Dumping ftrace|Kernel Offset|Rebooting|Stack:|Instruction dump|"
                    + "[0-9a-f]{16} [0-9a-f]{16}|[0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8}|All code|Code starting|\\s*[0-9a-f]+:\\s)");

    private Blocks() {
    }

    /** The index after a report that began at {@code from}: its closing rule, the next report, or {@code max} lines. */
    static int end(List<KernelLogLine> lines, int from, int max, BitSet used) {
        int end = from + 1;
        while (end < lines.size() && end - from < max && !used.get(end)) {
            String t = lines.get(end).text().strip();
            if (RULE.matcher(t).matches()) return end + 1;
            if (TITLE.matcher(t).lookingAt()) return end;
            end++;
        }
        return end;
    }

    /** The report's lines as one text, white space collapsed, so a field wrapped over two lines reads as on one. */
    static String text(List<KernelLogLine> lines, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to && b.length() < MAX_TEXT; k++) {
            String t = lines.get(k).text().strip();
            if (t.isEmpty()) continue;
            if (b.length() > 0) b.append(' ');
            b.append(t);
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    /** The kernel release from the report's {@code CPU: 1 PID: 475 Comm: x Not tainted 5.10.4 #2} line, or null. */
    static String release(String text) {
        Matcher m = RELEASE.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static long dropped(List<KernelLogLine> lines, int from, int to) {
        long n = 0;
        for (int k = from; k < to; k++) n += lines.get(k).dropped();
        return n;
    }

    /** Lines neither the common oops furniture, a stack frame, nor something {@code known} to the report's reader. */
    static int unparsed(List<KernelLogLine> lines, int from, int to, Predicate<String> known) {
        int n = 0;
        for (int k = from; k < to; k++) {
            String t = lines.get(k).text().strip();
            if (COMMON.matcher(t).lookingAt() || Frames.frame(t) != null || known.test(t)) continue;
            n++;
        }
        return n;
    }

    /**
     * The frames after a stack's header line, up to the first blank line or line that is no frame
     * (at most 32 kept); {@code site} is the first frame past the allocator and sanitizer machinery.
     */
    static Stack stack(List<KernelLogLine> lines, int header, int to, String task, Integer pid, Integer cpu, Double at, Long age) {
        List<String> frames = new ArrayList<>();
        int k = header + 1;
        while (k < to) {
            String t = lines.get(k).text().strip();
            String f = Frames.frame(t);
            if (f == null) {
                if (t.isEmpty() && frames.isEmpty()) {
                    k++;
                    continue;
                }
                break;
            }
            if (frames.size() < 32) frames.add(f);
            k++;
        }
        String site = frames.stream().filter(f -> !Frames.machinery(f)).findFirst().map(Frames::name).orElse(null);
        return new Stack(task, pid, cpu, at, age, site, frames);
    }

    /** The first frame past the allocator in the call trace that follows {@code from}, or null. */
    static String callSite(List<KernelLogLine> lines, int from, int to) {
        for (int k = from; k < to; k++) {
            String t = lines.get(k).text().strip();
            if (t.startsWith("Call Trace:") || t.startsWith("Call trace:")) {
                Stack s = stack(lines, k, to, null, null, null, null, null);
                return s.site();
            }
        }
        return null;
    }

    /** {@code b - a} for two printed addresses, or null when either is missing or hashed beyond use. */
    static Long diff(String a, String b) {
        if (a == null || b == null) return null;
        try {
            return new BigInteger(strip0x(b), 16).subtract(new BigInteger(strip0x(a), 16)).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    static String strip0x(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    }

    static KernelReport report(KernelReport.Kind kind, KernelReport.Detector detector, String cache, String reason,
                               List<KernelLogLine> lines, int from, int to, BitSet used, ReportFacts facts) {
        List<String> text = new ArrayList<>();
        for (int k = from; k < to; k++) text.add(lines.get(k).text());
        used.set(from, to);
        KernelLogLine first = lines.get(from);
        return new KernelReport(kind, detector, cache, reason, first.line(), first.time(), text, facts);
    }
}
