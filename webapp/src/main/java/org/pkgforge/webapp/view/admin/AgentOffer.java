package org.pkgforge.webapp.view.admin;

import java.util.List;
import org.pkgforge.webapp.store.AgentRow;

/** An agent where a platform is listed: its name, state (disabled counts as a state) and slot use. */
public record AgentOffer(String name, String state, long busy, int slots) {
    static AgentOffer of(AgentRow a) {
        return new AgentOffer(a.name(), HostsView.state(a), a.busy(), a.slots());
    }

    /** The agents offering {@code platform} ({@code NAME/ARCH}). */
    static List<AgentOffer> offering(List<AgentRow> agents, String platform) {
        return agents.stream()
                .filter(a -> a.platforms().contains(platform))
                .map(AgentOffer::of)
                .toList();
    }
}
