package org.pkgforge.controller.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pkgforge.sql.row.Platform;

/**
 * The original PkgForge's platform/arch rule language (inventory section 3.5): {@code auto},
 * {@code all}, names, and {@code !name} exclusions; case-insensitive; unknown names ignored but
 * reported. Pure: works on the active platform rows it is given.
 */
public final class TargetRules {
    private TargetRules() {}

    /** Which active platform rows the rules select, and the rule entries that named nothing. */
    public record Selection(List<Platform> targets, List<String> unknownNames) {}

    public static Selection select(List<Platform> activePlatforms, List<String> platformRules, List<String> archRules) {
        List<String> unknown = new ArrayList<>();
        Set<String> names = selectNames(activePlatforms, platformRules, unknown);
        List<Platform> targets = new ArrayList<>();
        for (String name : names) {
            List<Platform> rows = activePlatforms.stream()
                    .filter(p -> p.name().equalsIgnoreCase(name))
                    .toList();
            targets.addAll(selectArchs(rows, archRules));
        }
        noteUnknownArchs(activePlatforms, archRules, unknown);
        targets.sort((a, b) -> a.name().equals(b.name())
                ? a.arch().compareTo(b.arch())
                : a.name().compareTo(b.name()));
        return new Selection(List.copyOf(targets), List.copyOf(unknown));
    }

    private static Set<String> selectNames(List<Platform> active, List<String> rules, List<String> unknown) {
        Set<String> all = new TreeSet<>();
        Set<String> auto = new TreeSet<>();
        for (Platform p : active) {
            all.add(p.name());
            if (p.auto()) {
                auto.add(p.name());
            }
        }
        List<String> additions = rules.stream().filter(r -> !r.startsWith("!")).toList();
        Set<String> chosen = new TreeSet<>();
        if (additions.isEmpty()) {
            chosen.addAll(auto);
        }
        for (String rule : additions) {
            if (rule.equals("all")) {
                chosen.addAll(all);
            } else if (rule.equals("auto")) {
                chosen.addAll(auto);
            } else {
                List<String> matches =
                        all.stream().filter(n -> n.equalsIgnoreCase(rule)).toList();
                if (matches.isEmpty()) {
                    unknown.add(rule);
                }
                chosen.addAll(matches);
            }
        }
        for (String rule : rules) {
            if (rule.startsWith("!")) {
                String excluded = rule.substring(1);
                if (all.stream().noneMatch(n -> n.equalsIgnoreCase(excluded))) {
                    unknown.add(rule);
                }
                chosen.removeIf(n -> n.equalsIgnoreCase(excluded));
            }
        }
        return chosen;
    }

    private static List<Platform> selectArchs(List<Platform> rows, List<String> rules) {
        List<String> additions = rules.stream().filter(r -> !r.startsWith("!")).toList();
        boolean everything = additions.isEmpty() || additions.contains("all");
        List<Platform> chosen = new ArrayList<>();
        for (Platform p : rows) {
            boolean wanted = everything || additions.stream().anyMatch(a -> a.equalsIgnoreCase(p.arch()));
            boolean excluded = rules.stream().filter(r -> r.startsWith("!")).anyMatch(r -> r.substring(1)
                    .equalsIgnoreCase(p.arch()));
            if (wanted && !excluded) {
                chosen.add(p);
            }
        }
        return chosen;
    }

    private static void noteUnknownArchs(List<Platform> active, List<String> rules, List<String> unknown) {
        Set<String> archs = new TreeSet<>();
        active.forEach(p -> archs.add(p.arch().toLowerCase(Locale.ROOT)));
        for (String rule : rules) {
            String name = rule.startsWith("!") ? rule.substring(1) : rule;
            if (!name.equals("all") && !archs.contains(name.toLowerCase(Locale.ROOT))) {
                unknown.add("arch " + rule);
            }
        }
    }

    /** Groups the targets by platform name, for messages. */
    public static TreeMap<String, List<String>> byName(List<Platform> targets) {
        TreeMap<String, List<String>> map = new TreeMap<>();
        targets.forEach(
                t -> map.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t.arch()));
        return map;
    }
}
