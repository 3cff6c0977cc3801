package org.pkgforge.webapp.view.admin;

import java.util.List;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.AgentRow;
import org.pkgforge.webapp.view.Formats;

/**
 * {@code /admin/hosts}: build hosts over SSH with their buttons, other (local) agents, and the add
 * form, refilled after a refusal, with the controller's key to authorize on the host.
 * {@code error} and {@code notice} are null unless there is one.
 */
public record HostsView(
        List<HostRow> hosts,
        List<HostRow> localAgents,
        HostForm form,
        String controllerKey,
        String error,
        String notice) {
    private static final String SSH = "ssh";

    /**
     * One agent. {@code offeredFingerprint} and {@code offeredKey} are set when the host presented
     * another key than the pinned one (the re-pin form then carries {@code offeredKey}).
     * {@code platformList} is what the change form's platforms field starts with.
     */
    public record HostRow(
            String name,
            String ssh,
            String state,
            String stateReason,
            boolean enabled,
            long busy,
            int slots,
            String platforms,
            String platformList,
            String fingerprint,
            String offeredFingerprint,
            String offeredKey,
            Formats.Moment lastSeen,
            String version,
            String enableHref,
            String disableHref,
            String pinHref,
            String removeHref,
            String changeHref) {}

    /** The add form as typed; every field is text so a refused value comes back as it was. */
    public record HostForm(
            String name, String ssh, String platforms, String slots, String workDir, String javaCommand) {
        public static final HostForm EMPTY = new HostForm("", "", "", "1", "", "");
    }

    public static HostsView of(
            List<AgentRow> agents, HostForm form, String controllerKey, String error, String notice) {
        return new HostsView(
                agents.stream()
                        .filter(a -> SSH.equals(a.launcher()))
                        .map(HostsView::row)
                        .toList(),
                agents.stream()
                        .filter(a -> !SSH.equals(a.launcher()))
                        .map(HostsView::row)
                        .toList(),
                form,
                controllerKey,
                error,
                notice);
    }

    /** online, connecting or offline; "disabled" wins, since a disabled agent takes no task. */
    static String state(AgentRow a) {
        return a.enabled() ? a.state() : "disabled";
    }

    private static HostRow row(AgentRow a) {
        boolean ssh = SSH.equals(a.launcher());
        return new HostRow(
                a.name(),
                a.ssh(),
                state(a),
                a.enabled() ? a.stateReason() : "disabled by an admin; " + a.state(),
                a.enabled(),
                a.busy(),
                a.slots(),
                Formats.rules(a.platforms()),
                String.join(", ", a.platforms()),
                a.hostKeyFingerprint(),
                a.offeredHostKeyFingerprint(),
                a.offeredHostKey(),
                Formats.moment(a.lastSeen()),
                a.version(),
                ssh && !a.enabled() ? Routes.adminHost(a.name(), "enable") : null,
                ssh && a.enabled() ? Routes.adminHost(a.name(), "disable") : null,
                ssh && a.offeredHostKey() != null ? Routes.adminHost(a.name(), "pin") : null,
                ssh ? Routes.adminHost(a.name(), "remove") : null,
                ssh ? Routes.adminHost(a.name(), "set") : null);
    }
}
