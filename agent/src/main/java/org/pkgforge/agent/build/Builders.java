package org.pkgforge.agent.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The builders this agent offers, by name. */
public final class Builders {
    private final Map<String, Builder> byName = new LinkedHashMap<>();

    public Builders(List<Builder> builders) {
        for (Builder builder : builders) {
            if (byName.putIfAbsent(builder.name(), builder) != null) {
                throw new IllegalArgumentException("two builders named " + builder.name());
            }
        }
    }

    /** What a stock agent offers. */
    public static Builders standard() {
        CommandRunner runner = new CommandRunner();
        return new Builders(List.of(
                new RpmbuildBuilder(runner),
                new MockBuilder(runner),
                new DpkgBuildpackageBuilder(runner),
                new SbuildBuilder(runner)));
    }

    public Optional<Builder> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
