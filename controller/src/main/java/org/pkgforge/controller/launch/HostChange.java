package org.pkgforge.controller.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.pkgforge.sql.row.Host;

/**
 * What {@code host set} changes on an existing host, validated as {@link HostSpec} validates a new
 * one: its slots, and its platforms (the whole list, replaced). An empty field keeps what is there.
 */
public record HostChange(OptionalInt slots, Optional<List<String>> platforms) {
    public HostChange {
        slots.ifPresent(HostSpec::checkSlots);
        platforms = platforms.map(List::copyOf);
        platforms.ifPresent(HostSpec::checkPlatforms);
        if (slots.isEmpty() && platforms.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give the slots, the platforms or both");
        }
    }

    /** What changed, for the admin who changed it (the CLI and the web page say the same). */
    public static String summary(Host before, Host after) {
        List<String> parts = new ArrayList<>();
        if (after.slots() < before.slots()) {
            String below = after.slots() == 1 ? "none runs" : "fewer than " + after.slots() + " run";
            parts.add("slots " + before.slots() + " → " + after.slots() + " (tasks running there finish; it takes new"
                    + " ones once " + below + ")");
        } else if (after.slots() > before.slots()) {
            parts.add("slots " + before.slots() + " → " + after.slots() + " (if its agent runs with fewer, it is"
                    + " started again with " + after.slots() + " once idle)");
        }
        if (!after.platforms().equals(before.platforms())) {
            parts.add("platforms " + String.join(", ", before.platforms()) + " → "
                    + String.join(", ", after.platforms()));
        }
        return parts.isEmpty() ? "nothing changed" : String.join("; ", parts);
    }
}
