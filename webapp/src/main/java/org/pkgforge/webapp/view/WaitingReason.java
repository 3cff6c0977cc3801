package org.pkgforge.webapp.view;

import java.util.ArrayList;
import java.util.List;
import org.pkgforge.webapp.store.TaskWaiting;

/**
 * Why a waiting task waits, in words, from the facts {@code waitingOfJob.sql} gathers: "3rd in the
 * el9/x86_64 queue; 2 agents offer el9/x86_64, all 4 slots busy".
 */
public final class WaitingReason {
    private WaitingReason() {}

    public static String of(TaskWaiting w) {
        return Formats.ordinal(w.position()) + " in the " + w.platform() + " queue; " + why(w);
    }

    private static String why(TaskWaiting w) {
        String platform = w.platform();
        if (!w.platformActive()) {
            return platform + " is not active, so no agent takes its tasks";
        }
        if (w.agents() == 0) {
            return "no agent offers " + platform;
        }
        long offline = w.agents() - w.agentsDisabled() - w.agentsOnline();
        List<String> others = new ArrayList<>();
        if (offline > 0) {
            others.add(offline + " offline");
        }
        if (w.agentsDisabled() > 0) {
            others.add(w.agentsDisabled() + " disabled");
        }
        if (w.agentsOnline() == 0) {
            return "no online agent offers " + platform + " (" + String.join(", ", others) + ")";
        }
        String offering = Formats.count(w.agentsOnline(), "agent")
                + (w.agentsOnline() == 1 ? " offers " : " offer ")
                + platform
                + (others.isEmpty() ? "" : " (and " + String.join(", ", others) + ")");
        long free = w.slots() - w.slotsBusy();
        if (free <= 0) {
            return offering + ", " + (w.slots() == 1 ? "its only slot is busy" : "all " + w.slots() + " slots busy");
        }
        return offering + ", " + free + " of " + w.slots() + " slots free"
                + (w.position() <= free ? ": it starts shortly" : "");
    }
}
