package org.pkgforge.webapp.view.admin;

import java.util.List;
import org.pkgforge.webapp.store.QueueSnapshot;

/** {@code /admin/platforms}: every platform with its flags, waiting tasks and the agents offering it. */
public record PlatformsView(List<PlatformRow> platforms, String name, String arch, String error) {
    public record PlatformRow(
            String name,
            String arch,
            String label,
            boolean active,
            boolean auto,
            long waiting,
            List<AgentOffer> agents) {}

    public static PlatformsView of(QueueSnapshot farm, String name, String arch, String error) {
        return new PlatformsView(
                farm.platforms().stream()
                        .map(p -> new PlatformRow(
                                p.name(),
                                p.arch(),
                                p.label(),
                                p.active(),
                                p.auto(),
                                p.waiting(),
                                AgentOffer.offering(farm.agents(), p.label())))
                        .toList(),
                name,
                arch,
                error);
    }
}
