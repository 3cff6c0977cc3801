package org.pkgforge.webapp.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How values look on the pages; one place so every page shows them alike. */
public final class Formats {
    // UTC everywhere: build hosts, logs and users may all be in different zones.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Formats() {}

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Platform/arch rules as written, or "all" for an empty list (no restriction). */
    public static String rules(List<String> rules) {
        return rules == null || rules.isEmpty() ? "all" : String.join(", ", rules);
    }

    public static String taskCounts(long succeeded, long tasks) {
        return tasks == 0 ? "no tasks" : succeeded + "/" + tasks + " success";
    }
}
