package org.pkgforge.webapp.actions;

import java.util.List;
import java.util.Optional;

/** {@link AdminActions#NONE}: every change is refused. */
final class ReadOnlyAdmin implements AdminActions {
    private static Refused refused() {
        return new Refused(Refused.Kind.FORBIDDEN, "this web UI is read-only");
    }

    @Override
    public String controllerKey() {
        return "";
    }

    @Override
    public OfferedKey probeHost(WebUser admin, HostRequest host) throws Refused {
        throw refused();
    }

    @Override
    public Optional<String> addHost(WebUser admin, HostRequest host, String confirmedKey) throws Refused {
        throw refused();
    }

    @Override
    public void setHostEnabled(WebUser admin, String host, boolean enabled) throws Refused {
        throw refused();
    }

    @Override
    public String changeHost(WebUser admin, String host, int slots, List<String> platforms) throws Refused {
        throw refused();
    }

    @Override
    public int removeHost(WebUser admin, String host) throws Refused {
        throw refused();
    }

    @Override
    public Optional<String> pinHostKey(WebUser admin, String host, String confirmedKey) throws Refused {
        throw refused();
    }

    @Override
    public void addPlatform(WebUser admin, String name, String arch) throws Refused {
        throw refused();
    }

    @Override
    public void setPlatformActive(WebUser admin, String name, String arch, boolean active) throws Refused {
        throw refused();
    }

    @Override
    public void setPlatformAuto(WebUser admin, String name, String arch, boolean auto) throws Refused {
        throw refused();
    }

    @Override
    public void addUser(WebUser admin, String name, boolean isAdmin, String key) throws Refused {
        throw refused();
    }

    @Override
    public void addKey(WebUser admin, String user, String key) throws Refused {
        throw refused();
    }

    @Override
    public void setUserAdmin(WebUser admin, String user, boolean isAdmin) throws Refused {
        throw refused();
    }

    @Override
    public void revokeKey(WebUser admin, String user, String fingerprint) throws Refused {
        throw refused();
    }
}
