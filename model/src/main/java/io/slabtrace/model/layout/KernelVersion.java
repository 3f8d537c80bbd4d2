package io.slabtrace.model.layout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel release as far as the slab rules care: major and minor ("6.1", "6.18.44-fc" → 6.18). */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+).*");

    public static final KernelVersion V4_6 = new KernelVersion(4, 6);
    public static final KernelVersion V5_7 = new KernelVersion(5, 7);
    public static final KernelVersion V5_12 = new KernelVersion(5, 12);
    public static final KernelVersion V5_16 = new KernelVersion(5, 16);
    public static final KernelVersion V5_17 = new KernelVersion(5, 17);
    public static final KernelVersion V6_2 = new KernelVersion(6, 2);
    public static final KernelVersion V6_8 = new KernelVersion(6, 8);
    public static final KernelVersion V6_12 = new KernelVersion(6, 12);
    public static final KernelVersion V6_18 = new KernelVersion(6, 18);
    /** The newest release the models know; the default. */
    public static final KernelVersion NEWEST = V6_18;

    public static KernelVersion parse(String release) {
        Matcher m = RELEASE.matcher(release.trim());
        if (!m.matches()) throw new IllegalArgumentException("not a kernel release: '" + release + "' (expected e.g. 6.1 or 6.18.44)");
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KernelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
