package org.pkgforge.webapp.testing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.pkgforge.webapp.actions.AdminActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.WebUser;

/**
 * A stand-in for the controller's admin actions: records every call as {@code "admin METHOD USER
 * ARG…"}, probes find {@link #offered}, and {@link #refuseNext} makes the next call fail.
 */
public final class RecordingAdmin {
    private final List<String> calls;
    private volatile AdminActions.OfferedKey offered =
            new AdminActions.OfferedKey("ssh-ed25519 AAAA", "ssh-ed25519", "SHA256:x");
    private volatile Refused refusal;

    public RecordingAdmin(List<String> calls) {
        this.calls = calls;
    }

    public RecordingAdmin() {
        this(Collections.synchronizedList(new ArrayList<>()));
    }

    public List<String> calls() {
        return calls;
    }

    public void offer(AdminActions.OfferedKey key) {
        offered = key;
    }

    public void refuseNext(Refused refused) {
        refusal = refused;
    }

    public AdminActions actions() {
        return (AdminActions) Proxy.newProxyInstance(
                AdminActions.class.getClassLoader(), new Class<?>[] {AdminActions.class}, (proxy, method, args) -> {
                    if (method.getName().equals("controllerKey")) {
                        return "ssh-ed25519 AAAAcontroller pkgforge-controller";
                    }
                    StringBuilder call = new StringBuilder("admin " + method.getName());
                    for (Object arg : args) {
                        call.append(' ').append(arg instanceof WebUser u ? u.name() : arg);
                    }
                    calls.add(call.toString());
                    Refused refused = refusal;
                    if (refused != null) {
                        refusal = null;
                        throw refused;
                    }
                    Class<?> type = method.getReturnType();
                    if (type == int.class) {
                        return 0;
                    }
                    if (type == Optional.class) {
                        return Optional.empty();
                    }
                    if (type == String.class) {
                        return "changed";
                    }
                    return type == AdminActions.OfferedKey.class ? offered : null;
                });
    }
}
