package org.pkgforge.webapp.view;

import java.time.Duration;
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

    /**
     * A point in time as the pages show it: relative ("3 min ago") with the absolute UTC time as
     * its title, and ISO-8601 for {@code <time datetime>} (which {@code times.js} refreshes).
     */
    public record Moment(String iso, String absolute, String relative) {}

    /** Null for null, so templates can test {@code ??}. */
    public static Moment moment(Instant instant) {
        return moment(instant, Instant.now());
    }

    public static Moment moment(Instant instant, Instant now) {
        if (instant == null) {
            return null;
        }
        return new Moment(instant.toString(), time(instant), relative(Duration.between(instant, now)));
    }

    /** "just now", "42 s ago", "3 min ago", "5 h ago", "2 days ago"; "in 3 min" for the future. */
    public static String relative(Duration age) {
        if (age.isNegative()) {
            Duration ahead = age.negated();
            return ahead.toSeconds() < 10 ? "just now" : "in " + span(ahead);
        }
        return age.toSeconds() < 10 ? "just now" : span(age) + " ago";
    }

    /** A length of time, rounded down to its largest unit: "42 s", "3 min", "5 h", "2 days". */
    public static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h";
        }
        long days = s / 86_400;
        return days + (days == 1 ? " day" : " days");
    }

    /** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st … */
    public static String ordinal(long n) {
        long lastTwo = n % 100;
        String suffix;
        if (lastTwo >= 11 && lastTwo <= 13) {
            suffix = "th";
        } else {
            suffix = switch ((int) (n % 10)) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return n + suffix;
    }

    /** "1 agent", "2 agents". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

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
