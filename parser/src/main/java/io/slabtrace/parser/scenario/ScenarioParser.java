package io.slabtrace.parser.scenario;

import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.scenario.Op;
import io.slabtrace.model.scenario.Scenario;
import io.slabtrace.model.scenario.Selector;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputPart;
import io.slabtrace.parser.Inputs;
import io.slabtrace.parser.LineBytes;
import io.slabtrace.parser.TextLines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the workload language, one command a line, {@code #} comments:
 * <pre>
 * cache slab_test_cache size=40 align=8 flags=HWCACHE_ALIGN ctor=yes
 * cpu 1
 * alloc 500
 * free every 2 | free first N | free last N | free all | free #3..#9 | free random 30% seed 7
 * tick 2000
 * shrink
 * destroy
 * snapshot after-free
 * </pre>
 * A scenario is a program: the first malformed line stops it with {@code FILE:LINE: what was expected}.
 */
public final class ScenarioParser {
    private static final Pattern CACHE_ARG = Pattern.compile("(size|align|flags|ctor)=(\\S*)");
    private static final Pattern RANGE = Pattern.compile("#(\\d+)\\.\\.#?(\\d+)");
    private static final Pattern RANDOM = Pattern.compile("random\\s+(\\d+)%(?:\\s+seed\\s+(-?\\d+))?");

    private ScenarioParser() {
    }

    public static Scenario read(String spec) throws InputException {
        List<InputPart> parts = Inputs.resolve(spec);
        List<Op> ops = new ArrayList<>();
        for (InputPart part : parts) {
            try (InputStream in = Inputs.openText(part)) {
                TextLines r = new TextLines(in, StandardCharsets.UTF_8);
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (r.overlong() > 0) throw new InputException(part.name() + ":" + n + ": " + LineBytes.overlong(r.overlong()));
                    Op op = parse(part.name(), n, line);
                    if (op != null) ops.add(op);
                }
            } catch (IOException e) {
                throw new InputException(part.name() + ": cannot read: " + e.getMessage(), e);
            }
        }
        if (ops.stream().noneMatch(o -> o instanceof Op.Cache)) throw new InputException(spec + ": the scenario declares no cache ('cache NAME size=N ...')");
        return new Scenario(spec, ops);
    }

    /** One line as an operation; null for blank and comment lines. */
    static Op parse(String file, long n, String raw) throws InputException {
        int hash = raw.indexOf('#');
        // '#' starts a comment unless it is an object number (#3..#9)
        while (hash >= 0 && hash + 1 < raw.length() && Character.isDigit(raw.charAt(hash + 1))) hash = raw.indexOf('#', hash + 1);
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (line.isEmpty()) return null;
        String[] w = line.split("\\s+");
        try {
            switch (w[0]) {
                case "cache" -> {
                    if (w.length < 2) throw bad(file, n, "cache NAME [size=N] [align=N] [flags=A,B] [ctor=yes|no]", line);
                    Map<String, String> args = new LinkedHashMap<>();
                    for (int i = 2; i < w.length; i++) {
                        Matcher m = CACHE_ARG.matcher(w[i]);
                        if (!m.matches()) throw bad(file, n, "size=N, align=N, flags=A,B or ctor=yes|no", w[i]);
                        args.put(m.group(1), m.group(2));
                    }
                    int size = args.containsKey("size") ? positive(args.get("size"), file, n, "size") : -1;
                    int align = args.containsKey("align") ? Integer.parseInt(args.get("align")) : 8;
                    if (align < 1 || Integer.bitCount(align) != 1) throw bad(file, n, "align a power of two", "align=" + align);
                    Set<SlabFlag> flags = SlabFlag.parseList(args.getOrDefault("flags", ""));
                    String ctor = args.getOrDefault("ctor", "no");
                    if (!ctor.matches("yes|no|true|false|1|0")) throw bad(file, n, "ctor=yes or ctor=no", "ctor=" + ctor);
                    return new Op.Cache(n, w[1], size, align, flags, ctor.matches("yes|true|1"));
                }
                case "cpu" -> {
                    return new Op.Cpu(n, nonNegative(arg(w, 1, file, n, "cpu N", line), file, n, "cpu"));
                }
                case "alloc" -> {
                    return new Op.Alloc(n, positive(arg(w, 1, file, n, "alloc N", line), file, n, "alloc count"));
                }
                case "tick" -> {
                    long millis = Long.parseLong(arg(w, 1, file, n, "tick MILLISECONDS", line));
                    if (millis < 0) throw bad(file, n, "tick MILLISECONDS of at least 0 (time does not run backwards)", line);
                    return new Op.Tick(n, millis);
                }
                case "shrink" -> {
                    return new Op.Shrink(n);
                }
                case "destroy" -> {
                    return new Op.Destroy(n);
                }
                case "snapshot" -> {
                    return new Op.Snapshot(n, w.length > 1 ? line.substring(line.indexOf(w[1])) : "snapshot-" + n);
                }
                case "free" -> {
                    return new Op.Free(n, selector(file, n, line.substring(4).strip(), line));
                }
                default -> throw bad(file, n, "cache, cpu, alloc, free, tick, shrink, destroy or snapshot", w[0]);
            }
        } catch (NumberFormatException e) {
            throw bad(file, n, "a whole number", line);
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ":" + n + ": " + e.getMessage());
        }
    }

    private static Selector selector(String file, long n, String text, String line) throws InputException {
        String[] w = text.split("\\s+");
        Matcher m;
        if (text.equals("all")) return new Selector.All();
        if (w.length == 2 && w[0].equals("every")) return new Selector.Every(positive(w[1], file, n, "every N"));
        if (w.length == 2 && w[0].equals("first")) return new Selector.First(positive(w[1], file, n, "first N"));
        if (w.length == 2 && w[0].equals("last")) return new Selector.Last(positive(w[1], file, n, "last N"));
        if ((m = RANGE.matcher(text)).matches()) return new Selector.Range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        if (text.matches("#\\d+")) return new Selector.Range(Long.parseLong(text.substring(1)), Long.parseLong(text.substring(1)));
        if ((m = RANDOM.matcher(text)).matches()) {
            int pct = Integer.parseInt(m.group(1));
            if (pct > 100) throw bad(file, n, "a percentage up to 100", pct + "%");
            return new Selector.Random(pct, m.group(2) == null ? 1 : Long.parseLong(m.group(2)));
        }
        throw bad(file, n, "free every N | first N | last N | all | #A..#B | random P% [seed S]", line);
    }

    private static String arg(String[] w, int i, String file, long n, String expected, String line) throws InputException {
        if (w.length <= i || w.length > i + 1) throw bad(file, n, expected, line);
        return w[i];
    }

    private static int positive(String s, String file, long n, String what) throws InputException {
        int v = Integer.parseInt(s);
        if (v < 1) throw bad(file, n, what + " of at least 1", s);
        return v;
    }

    private static int nonNegative(String s, String file, long n, String what) throws InputException {
        int v = Integer.parseInt(s);
        if (v < 0) throw bad(file, n, what + " of at least 0", s);
        return v;
    }

    private static InputException bad(String file, long n, String expected, String found) {
        return new InputException(file + ":" + n + ": expected " + expected + ", found '" + found + "'");
    }
}
