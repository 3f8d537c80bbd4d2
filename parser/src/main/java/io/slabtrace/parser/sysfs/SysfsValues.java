package io.slabtrace.parser.sysfs;

import io.slabtrace.model.sysfs.SysfsValue;

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

    /** The typed value, or null when a value of a known format does not parse (the caller reports it). */
    static SysfsValue parse(String attribute, String raw) {
        String text = raw.replace("\0", "").strip();
        if (attribute.equals("slabs_cpu_partial")) {
            Matcher m = CPU_PARTIAL.matcher(text);
            if (!m.matches()) return null;
            Map<Integer, long[]> perCpu = new LinkedHashMap<>();
            Matcher p = PART.matcher(m.group(3));
            while (p.find()) perCpu.put(Integer.parseInt(p.group(2)), new long[] {Long.parseLong(p.group(3)), Long.parseLong(p.group(4))});
            return new SysfsValue.CpuPartial(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), perCpu);
        }
        Matcher c = COUNTER.matcher(text);
        if (c.matches() && (NODE_SUMMED.contains(attribute) || !c.group(2).isEmpty())) {
            Map<Integer, Long> parts = new LinkedHashMap<>();
            boolean cpus = false;
            Matcher p = PART.matcher(c.group(2));
            while (p.find()) {
                cpus |= p.group(1).equals("C");
                parts.put(Integer.parseInt(p.group(2)), Long.parseLong(p.group(3)));
            }
            long total = Long.parseLong(c.group(1));
            return cpus ? new SysfsValue.PerCpuCounter(total, parts) : new SysfsValue.NodeSummed(total, parts);
        }
        if (NODE_SUMMED.contains(attribute)) return null;
        if (NUMBER.matcher(text).matches()) {
            try {
                return new SysfsValue.Number(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return new SysfsValue.Text(text);
            }
        }
        return new SysfsValue.Text(text);
    }
}
