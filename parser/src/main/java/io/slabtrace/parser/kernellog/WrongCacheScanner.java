package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport.Detector;
import io.slabtrace.model.log.KernelReport.Kind;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.parser.Decimal;

import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kmem_cache_free} given an object of another cache ({@code cache_from_obj}, mm/slab.h and since 6.x mm/slub.c):
 * <pre>
 * ------------[ cut here ]------------
 * cache_from_obj: Wrong slab cache. tracefs_inode_cache but object is from inode_cache
 * WARNING: CPU: 1 PID: 21 at mm/slab.h:661 cache_from_obj+0x.../0x...
 * </pre>
 * The WARNING line's function is where the check sits; the call trace after it leads to the caller.
 */
final class WrongCacheScanner {
    private static final Pattern MESSAGE = Pattern.compile("(\\w{1,64}): Wrong slab cache\\. (\\S{1,100}) but object is from (\\S{1,100})");
    private static final Pattern WARNING = Pattern.compile("WARNING: CPU: \\d{1,5} PID: (\\d{1,9}) at \\S{1,200} (\\S{1,200})");
    private static final Pattern COMM = Pattern.compile("CPU: \\d{1,5} (?:UID: \\d+ )?PID: \\d{1,9} Comm: (\\S{1,64})");
    private static final Pattern END = Pattern.compile("---\\[ end trace");

    private WrongCacheScanner() {
    }

    static void scan(List<KernelLogLine> lines, BitSet used, List<KernelReport> out) {
        for (int i = 0; i < lines.size(); i++) {
            if (used.get(i) || !lines.get(i).text().contains("Wrong slab")) continue; // the cheap test first: every line meets it
            String joined = lines.get(i).text() + (i + 1 < lines.size() ? " " + lines.get(i + 1).text().strip() : "");
            Matcher m = MESSAGE.matcher(joined.replaceAll("\\s+", " "));
            if (!m.find()) continue;
            int start = i > 0 && !used.get(i - 1) && lines.get(i - 1).text().contains("cut here") ? i - 1 : i;
            int end = i + 1;
            while (end < lines.size() && end - i < 150 && !used.get(end)) {
                String s = lines.get(end).text().strip();
                if (end > i + 1 && Blocks.TITLE.matcher(s).lookingAt() || Blocks.RULE.matcher(s).matches()) break;
                end++;
                if (END.matcher(s).find()) break;
            }
            FactsBuilder f = new FactsBuilder();
            f.otherCache = m.group(3);
            String text = Blocks.text(lines, i, end);
            Matcher w = WARNING.matcher(text);
            if (w.find()) {
                f.function = Frames.name(w.group(2));
                f.pid = Decimal.boxedInt(w.group(1));
            } else {
                f.function = m.group(1);
            }
            Matcher c = COMM.matcher(text);
            if (c.find()) f.task = c.group(1);
            f.release = Blocks.release(text);
            String caller = Blocks.callSite(lines, i, end);
            f.alloc = null;
            f.free = caller == null ? null : new io.slabtrace.model.log.Stack(f.task, f.pid, null, null, null, caller, List.of());
            f.unparsed = 0; // a WARNING's furniture is all it prints; interleaved lines of other tasks are expected here
            out.add(Blocks.report(Kind.WRONG_CACHE, Detector.SLAB, m.group(2), "Wrong slab cache: " + m.group(2) + " but object is from " + m.group(3),
                    lines, start, end, used, f.build()));
            i = end - 1;
        }
    }
}
