package org.pkgforge.protocol.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order a set builds in, derived from its members' headers as data. Members keep the
 * submitted order unless one BuildRequires what another provides; then the provider goes first
 * (a stable topological sort: of the members whose providers are placed, the earliest submitted
 * is placed next). Members that form a cycle keep their submitted order after the others, and the
 * cycle is reported; the builder's retry policy still gets them built if the cycle is not real.
 *
 * <p>An SRPM header does not list the binary packages its spec makes, so a member is taken to
 * provide its own name, its header's Provides, and any name that starts with its name and a dash
 * ({@code libfarm} → {@code libfarm-devel}); when several members match, the longest name wins.
 */
public final class BuildOrder {
    /** A member as the order sees it: a label for messages, its name, provides and BuildRequires. */
    public record Member(String label, String name, List<String> provides, List<String> buildRequires) {
        public Member {
            provides = List.copyOf(provides);
            buildRequires = List.copyOf(buildRequires);
        }

        public static Member of(String label, SourceRpmInfo info) {
            return new Member(label, info.name(), info.provides(), info.buildRequires());
        }
    }

    /**
     * @param order indexes into the submitted list, in build order
     * @param cycle labels of the members in a dependency cycle, empty if none
     */
    public record Result(List<Integer> order, List<String> cycle) {
        public Result {
            order = List.copyOf(order);
            cycle = List.copyOf(cycle);
        }

        public boolean reordered() {
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i) != i) {
                    return true;
                }
            }
            return false;
        }

        /** A note for the job's reason, or empty when the submitted order stands unremarked. */
        public Optional<String> note(List<Member> members) {
            List<String> notes = new ArrayList<>();
            if (reordered()) {
                notes.add("build order derived from BuildRequires: "
                        + String.join(
                                ", ",
                                order.stream().map(i -> members.get(i).label()).toList()));
            }
            if (!cycle.isEmpty()) {
                notes.add("BuildRequires cycle between " + String.join(", ", cycle) + " (built in submitted order)");
            }
            return notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes));
        }
    }

    private BuildOrder() {}

    public static Result of(List<Member> members) {
        int n = members.size();
        List<Set<Integer>> needs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<Integer> providers = new TreeSet<>();
            for (String requirement : members.get(i).buildRequires()) {
                provider(members, capability(requirement)).ifPresent(providers::add);
            }
            providers.remove(i);
            needs.add(providers);
        }
        List<Integer> order = new ArrayList<>();
        Set<Integer> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (progress && placed.size() < n) {
            progress = false;
            for (int i = 0; i < n; i++) {
                if (!placed.contains(i) && placed.containsAll(needs.get(i))) {
                    placed.add(i);
                    order.add(i);
                    progress = true;
                    break; // restart: an earlier-submitted member may have become ready
                }
            }
        }
        List<String> cycle = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!placed.contains(i)) {
                order.add(i);
                cycle.add(members.get(i).label());
            }
        }
        return new Result(order, cycle);
    }

    /** "libfarm-devel >= 1.0" → "libfarm-devel". */
    static String capability(String dependency) {
        int space = dependency.indexOf(' ');
        return space < 0 ? dependency : dependency.substring(0, space);
    }

    private static Optional<Integer> provider(List<Member> members, String capability) {
        Integer best = null;
        int bestLength = -1;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            boolean explicit = m.provides().stream().map(BuildOrder::capability).anyMatch(capability::equals);
            boolean byName = capability.equals(m.name()) || capability.startsWith(m.name() + "-");
            if ((explicit || byName) && m.name().length() > bestLength) {
                best = i;
                bestLength = m.name().length();
            }
        }
        return Optional.ofNullable(best);
    }
}
