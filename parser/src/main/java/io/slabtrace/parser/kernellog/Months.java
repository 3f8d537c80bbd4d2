package io.slabtrace.parser.kernellog;

import java.text.DateFormatSymbols;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Month names as journalctl and syslog print them: {@code strftime("%b")} in the locale the tool ran in,
 * so "Mär" (de), "févr." (fr), "ene" (es), "мар" (ru), "3月" (zh, ja) as well as "Mar".
 */
final class Months {
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (String tag : new String[] {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ru", "uk", "tr", "hu", "ro"}) {
            Locale l = Locale.forLanguageTag(tag);
            String[][] names = {DateFormatSymbols.getInstance(l).getShortMonths(), DateFormatSymbols.getInstance(l).getMonths()};
            for (String[] list : names) {
                for (int i = 0; i < 12; i++) {
                    String key = key(list[i]);
                    if (!key.isEmpty()) {
                        BY_NAME.putIfAbsent(key, i + 1);
                        if (key.length() > 3) BY_NAME.putIfAbsent(key.substring(0, 3), i + 1);
                    }
                }
            }
        }
    }

    private Months() {
    }

    /** 1..12, or null for a word that is no month name known here. */
    static Integer of(String word) {
        if (word.endsWith("月")) {
            try {
                int m = Integer.parseInt(word.substring(0, word.length() - 1));
                return m >= 1 && m <= 12 ? m : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return BY_NAME.get(key(word));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace(".", "").strip();
    }
}
