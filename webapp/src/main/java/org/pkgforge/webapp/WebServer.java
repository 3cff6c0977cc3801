package org.pkgforge.webapp;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.webapp.actions.WebActions;
import org.pkgforge.webapp.logs.LogStreams;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI: job pages, logs, products and the repository tree, read with a {@link Jdbi} logged in
 * as the web role (SELECT only, with SqlObjectPlugin and PostgresPlugin installed); logins, job
 * control and uploads go through {@link WebActions}, which the controller implements.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final int WORKER_THREADS = 40;

    private final WebConfig config;
    private final WebStore store;
    private final Templates templates = new Templates();
    // Each live log viewer holds a worker thread; a few are always left for pages.
    private final LogStreams logStreams = new LogStreams(WORKER_THREADS - 8);
    private Undertow server;
    private InetSocketAddress address;

    private final WebActions actions;
    private List<Routes.Route> routes = List.of();

    /** A read-only UI: nobody logs in. */
    public WebServer(WebConfig config, Jdbi readOnlyJdbi) {
        this(config, readOnlyJdbi, WebActions.NONE);
    }

    /** {@code actions}: logins, job control and uploads, implemented by the controller. */
    public WebServer(WebConfig config, Jdbi readOnlyJdbi, WebActions actions) {
        this.config = config;
        this.store = new WebStore(readOnlyJdbi);
        this.actions = actions;
    }

    /** The live log streams; {@link LogStreams#signal} wakes them when a log grew. */
    public LogStreams logStreams() {
        return logStreams;
    }

    /** Starts listening on {@code config.bindAddress():config.port()}. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("web server already started");
        }
        Routes.Routed routed = Routes.handler(config, store, templates, logStreams, actions);
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.port(), config.bindAddress())
                .setIoThreads(2)
                .setWorkerThreads(WORKER_THREADS)
                // Forms are small; only the upload form raises the limit, for its own request.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
                .setHandler(routed.handler())
                .build();
        undertow.start();
        server = undertow;
        routes = routed.routes();
        address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        log.info("web UI listening on {}", baseUrl());
    }

    /** Every route the server answers, as {@link Routes} defines them. */
    public synchronized List<Routes.Route> routes() {
        return routes;
    }

    /** The port actually bound, useful when the configured port was 0. */
    public synchronized int port() {
        requireStarted();
        return address.getPort();
    }

    /** The URL to reach the UI; a wildcard bind address is given as loopback, which always answers. */
    public synchronized String baseUrl() {
        requireStarted();
        InetAddress ip = address.getAddress();
        String host;
        if (ip.isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (ip instanceof Inet6Address) {
            host = "[" + ip.getHostAddress() + "]";
        } else {
            host = ip.getHostAddress();
        }
        return "http://" + host + ":" + address.getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            logStreams.close(); // open log streams end at their next poll, so stop() need not wait for them
            server.stop();
            server = null;
            log.info("web UI stopped");
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("web server not started");
        }
    }
}
