package io.slabtrace.parser.kernellog;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a module's messages name its constructor calls, allocations and frees. The defaults know
 * the seed module's wording and common variants ({@code ctor}, {@code constructor},
 * {@code init_once}); {@code --ctor-pattern} and friends replace them, each with a named group
 * {@code ptr} for the object's pointer.
 */
/*
 * The pointer must follow its keyword within 256 characters: a module prints it in the same short message, and an
 * unbounded lazy gap made every 'ctor' of a long line scan the rest of it (quadratic on a line of repeated 'ctor ').
 */
public record EventPatterns(Pattern ctor, Pattern alloc, Pattern free) {
    static final String PTR = "(?<ptr>(?:0x)?[0-9a-fA-F]{8,16})";
    public static final EventPatterns DEFAULT = new EventPatterns(
            Pattern.compile("\\b(?:ctor|constructor|init_once)\\b.{0,256}?\\b" + PTR + "\\b"),
            Pattern.compile("\\b(?:allocated|alloc(?:ated)?\\s+obj(?:ect)?|kmem_cache_alloc(?:ated)?)\\b.{0,256}?\\b" + PTR + "\\b"),
            Pattern.compile("\\b(?:freed obj(?:ect)?|freeing obj(?:ect)?|free obj(?:ect)?|kmem_cache_free)\\b\\W*(?:at\\s+)?" + PTR + "|\\bobject freed\\b"));

    /** Defaults with the given replacements (null keeps the default). */
    public static EventPatterns of(String ctor, String alloc, String free) {
        return new EventPatterns(compile(ctor, DEFAULT.ctor, "--ctor-pattern"), compile(alloc, DEFAULT.alloc, "--alloc-pattern"),
                compile(free, DEFAULT.free, "--free-pattern"));
    }

    private static Pattern compile(String regex, Pattern fallback, String option) {
        if (regex == null) return fallback;
        try {
            Pattern p = Pattern.compile(regex);
            if (!regex.contains("(?<ptr>")) throw new IllegalArgumentException(option + ": the pattern needs a named group (?<ptr>...) for the object pointer");
            return p;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(option + ": not a regular expression: " + e.getDescription());
        }
    }
}
