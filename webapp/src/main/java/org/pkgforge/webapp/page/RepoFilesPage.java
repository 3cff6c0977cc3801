package org.pkgforge.webapp.page;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.files.FileResponses;
import org.pkgforge.webapp.files.SafeRoot;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.view.Formats;
import org.pkgforge.webapp.view.RepoListingView;
import org.pkgforge.webapp.view.Templates;

/**
 * {@code /repos/**}: the published repository tree, read-only, for dnf/apt and for people. Files are
 * served as they are; directories get a listing. Symlinks are neither listed nor followed.
 */
public final class RepoFilesPage implements HttpHandler {
    private final SafeRoot repos;
    private final Templates templates;

    public RepoFilesPage(SafeRoot repos, Templates templates) {
        this.repos = repos;
        this.templates = templates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        if (!Methods.GET.equals(exchange.getRequestMethod())) {
            throw new HttpFailure(405, "method not allowed");
        }
        // Relative to the "/repos" prefix: "" for /repos, "/" for /repos/, "/el9/x.rpm" ...
        String relative = exchange.getRelativePath();
        boolean slash = relative.endsWith("/");
        List<String> names = names(relative);
        Optional<Path> file = slash ? Optional.empty() : repos.regularFile(names);
        if (file.isPresent()) {
            String name = names.get(names.size() - 1);
            FileResponses.send(exchange, file.get(), FileResponses.contentTypeOf(name));
            return;
        }
        Path dir = repos.directory(names).orElseThrow(() -> HttpFailure.notFound("not found"));
        if (!slash) {
            Responses.redirect(exchange, Routes.repo(names, true));
            return;
        }
        Responses.html(exchange, 200, templates.render("repo.ftlh", listing(names, dir), Visitor.of(exchange)));
    }

    private static List<String> names(String relative) {
        if (relative.isEmpty() || relative.equals("/")) {
            return List.of();
        }
        String trimmed = relative.substring(1, relative.length() - (relative.endsWith("/") ? 1 : 0));
        // Empty segments ("a//b") are refused by SafeRoot's bare-name check.
        return Arrays.asList(trimmed.split("/", -1));
    }

    private static RepoListingView listing(List<String> names, Path dir) throws IOException {
        List<RepoListingView.Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                Optional<BasicFileAttributes> attrs = SafeRoot.attributes(child);
                // Hidden entries are createrepo's work in progress; links and specials are never served.
                if (name.startsWith(".")
                        || !SafeRoot.isBareName(name)
                        || attrs.isEmpty()
                        || !(attrs.get().isDirectory() || attrs.get().isRegularFile())) {
                    continue;
                }
                boolean directory = attrs.get().isDirectory();
                entries.add(new RepoListingView.Entry(
                        name,
                        Routes.segment(name) + (directory ? "/" : ""),
                        directory,
                        directory ? "" : Formats.size(attrs.get().size()),
                        Formats.time(attrs.get().lastModifiedTime().toInstant())));
            }
        }
        entries.sort(Comparator.comparing((RepoListingView.Entry e) -> !e.directory())
                .thenComparing(RepoListingView.Entry::name));
        String shown = Routes.REPOS + "/" + (names.isEmpty() ? "" : String.join("/", names) + "/");
        return new RepoListingView(shown, !names.isEmpty(), entries);
    }
}
