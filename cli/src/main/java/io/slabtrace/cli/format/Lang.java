package io.slabtrace.cli.format;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The language of explanations: English, or Chinese in the vocabulary of the kernel's Chinese-speaking community. */
public enum Lang {
    en(Locale.ROOT), zh(Locale.SIMPLIFIED_CHINESE);

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    private ResourceBundle bundle() {
        // properties files are read as UTF-8 (Java 9+); no fallback to the machine's locale
        return ResourceBundle.getBundle("io.slabtrace.cli.i18n.messages", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Where patterns find an argument as a number (for {@code choice}); at its own index it is plain text. */
    static final int NUMERIC = 10;

    /**
     * The sentence for {@code key}, filled in. Argument n appears as {@code {n}} in plain text (numbers
     * without digit grouping: these are byte counts people compare with kernel output) and as
     * {@code {1n,choice,...}} where a pattern chooses words by its value.
     */
    public String text(String key, Object... args) {
        if (args.length > NUMERIC) throw new IllegalArgumentException("at most " + NUMERIC + " arguments");
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text for " + key + " in " + name(), e);
        }
        Object[] a = new Object[NUMERIC + args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i] instanceof Number n ? Long.toString(n.longValue()) : args[i];
            a[NUMERIC + i] = args[i];
        }
        return new MessageFormat(pattern, locale == Locale.ROOT ? Locale.ENGLISH : locale).format(a);
    }
}
