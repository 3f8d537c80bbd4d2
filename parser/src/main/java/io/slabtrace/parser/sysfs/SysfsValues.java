package io.slabtrace.parser.sysfs;

import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsValue;
import io.slabtrace.parser.Decimal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Types one attribute's text by the format {@code mm/slub.c} prints it in. */
final class SysfsValues {
    /** Attributes printed by {@code show_slab_objects}: a total, then {@code N<node>=<n>} for non-zero nodes. */
    static final Set<String> NODE_SUMMED = Set.of("objects", "objects_partial", "total_objects", "slabs", "partial", "cpu_slabs");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern PART = Pattern.compile("([NC])(\\d+)=(\\d+)(?:\\((\\d+)\\))?");
    private static final Pattern CPU_PARTIAL = Pattern.compile("(\\d+)\\((\\d+)\\)((?:\\s+C\\d+=\\d+\\(\\d+\\))*)");
    private static final Pattern COUNTER = Pattern.compile("(\\d+)((?:\\s+[NC]\\d+=\\d+)*)");

    private SysfsValues() {
    }

    /**
     * The typed value, or null when a value of a known format does not parse or is out of range (the caller reports
     * it): every number at most {@link Decimal#MAX_COUNT}, node and CPU numbers below {@link Machine#MAX_CPUS}.
     */
    static SysfsValue parse(String attribute, String raw) {
        try {
            return typed(attribute, raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** As the kernel prints it; a number past its limit throws NumberFormatException. */
    private static long count(String digits) {
        long v = Decimal.parse(digits, Decimal.MAX_COUNT);
        if (v < 0) throw new NumberFormatException(digits);
        return v;
    }

    private static int index(String digits) {
        long v = Decimal.parse(digits, Machine.MAX_CPUS);
        if (v < 0) throw new NumberFormatException(digits);
        return (int) v;
    }

    private static SysfsValue typed(String attribute, String raw) {
        String text = raw.replace("\0", "").strip();
        if (attribute.equals("slabs_cpu_partial")) {
            Matcher m = CPU_PARTIAL.matcher(text);
            if (!m.matches()) return null;
            Map<Integer, long[]> perCpu = new LinkedHashMap<>();
            Matcher p = PART.matcher(m.group(3));
            while (p.find()) perCpu.put(index(p.group(2)), new long[] {count(p.group(3)), count(p.group(4))});
            return new SysfsValue.CpuPartial(count(m.group(1)), count(m.group(2)), perCpu);
        }
        Matcher c = COUNTER.matcher(text);
        if (c.matches() && (NODE_SUMMED.contains(attribute) || !c.group(2).isEmpty())) {
            Map<Integer, Long> parts = new LinkedHashMap<>();
            boolean cpus = false;
            Matcher p = PART.matcher(c.group(2));
            while (p.find()) {
                cpus |= p.group(1).equals("C");
                parts.put(index(p.group(2)), count(p.group(3)));
            }
            long total = count(c.group(1));
            return cpus ? new SysfsValue.PerCpuCounter(total, parts) : new SysfsValue.NodeSummed(total, parts);
        }
        if (NODE_SUMMED.contains(attribute)) return null;
        if (NUMBER.matcher(text).matches()) {
            boolean negative = text.startsWith("-");
            long v = Decimal.parse(negative ? text.substring(1) : text, Decimal.MAX_COUNT);
            if (v < 0) throw new NumberFormatException(text); // a number the kernel cannot print here: past 2^48
            return new SysfsValue.Number(negative ? -v : v);
        }
        return new SysfsValue.Text(text);
    }
}
