package org.pkgforge.agent.connection;

/** Where the controller listens, as given by {@code --controller HOST:PORT} ({@code [v6]:PORT} too). */
public record ControllerAddress(String host, int port) implements ControllerLocator {
    public ControllerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("controller host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("controller port " + port + " is not in 1..65535");
        }
    }

    public static ControllerAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'", e);
        }
        return new ControllerAddress(host, port);
    }

    @Override
    public ControllerAddress locate() {
        return this;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
