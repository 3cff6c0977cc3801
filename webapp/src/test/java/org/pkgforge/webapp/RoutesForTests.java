package org.pkgforge.webapp;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.webapp.actions.WebActions;
import org.pkgforge.webapp.logs.LogStreams;
import org.pkgforge.webapp.store.WebStore;
import org.pkgforge.webapp.view.Templates;

/** The route table, built without starting a server, for tests outside this package. */
public final class RoutesForTests {
    private RoutesForTests() {}

    public static List<Routes.Route> table(Jdbi jdbi, Path dir) {
        WebConfig config = new WebConfig("127.0.0.1", 0, dir.resolve("results"), dir.resolve("repos"));
        return Routes.handler(config, new WebStore(jdbi), new Templates(), new LogStreams(1), WebActions.NONE)
                .routes();
    }
}
