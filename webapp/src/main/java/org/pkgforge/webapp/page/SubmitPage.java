package org.pkgforge.webapp.page;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.Submissions;
import org.pkgforge.webapp.actions.WebUser;
import org.pkgforge.webapp.auth.MultipartForm;
import org.pkgforge.webapp.auth.Visitor;
import org.pkgforge.webapp.http.HttpFailure;
import org.pkgforge.webapp.http.Responses;
import org.pkgforge.webapp.view.SubmitView;
import org.pkgforge.webapp.view.Templates;

/**
 * {@code /submit}: the upload form (GET) and its handler (POST). The files stream into the user's
 * upload area as they arrive and the job is committed through the same intake as SFTP; a refusal
 * comes back on the form with its reason.
 */
public final class SubmitPage {
    private final Submissions submissions;
    private final Templates templates;

    public SubmitPage(Submissions submissions, Templates templates) {
        this.submissions = submissions;
        this.templates = templates;
    }

    public void form(HttpServerExchange exchange) {
        user(exchange);
        show(exchange, 200, SubmitView.empty(submissions.maxRequestBytes()));
    }

    public void submit(HttpServerExchange exchange) throws IOException {
        WebUser user = user(exchange);
        exchange.setMaxEntitySize(submissions.maxRequestBytes());
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String jobId;
        try (LazyDraft draft = new LazyDraft(user)) {
            MultipartForm.read(exchange, draft, fields);
            jobId = draft.commit(options(fields));
        } catch (Refused e) {
            show(
                    exchange,
                    e.kind().status(),
                    SubmitView.refused(e.getMessage(), fields, submissions.maxRequestBytes()));
            return;
        } catch (RequestTooBigException e) {
            show(
                    exchange,
                    413,
                    SubmitView.refused(
                            "the upload is larger than this farm takes (" + submissions.maxRequestBytes() + " bytes)",
                            fields,
                            submissions.maxRequestBytes()));
            return;
        }
        Responses.redirect(exchange, Routes.job(jobId));
    }

    /**
     * The draft is begun with the first file, which the form's CSRF token precedes: a forged
     * request touches nothing in the upload area.
     */
    private final class LazyDraft implements MultipartForm.FileSink, AutoCloseable {
        private final WebUser user;
        private Submissions.Draft draft;

        LazyDraft(WebUser user) {
            this.user = user;
        }

        @Override
        public void beginFile(String fileName) throws Refused {
            if (draft == null) {
                draft = submissions.begin(user);
            }
            draft.beginFile(fileName);
        }

        @Override
        public void data(ByteBuffer data) throws Refused {
            draft.write(data);
        }

        String commit(Submissions.JobOptions options) throws Refused {
            if (draft == null) {
                throw new Refused(Refused.Kind.INVALID, "choose at least one source package");
            }
            return draft.commit(options);
        }

        @Override
        public void close() {
            if (draft != null) {
                draft.close();
            }
        }
    }

    private static Submissions.JobOptions options(Map<String, List<String>> fields) {
        return new Submissions.JobOptions(
                single(fields, "id"),
                single(fields, "bucket"),
                list(fields, "platforms"),
                list(fields, "archs"),
                list(fields, "report"));
    }

    private static String single(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank()
                ? null
                : values.get(0).strip();
    }

    /** Comma- or space-separated, as on the command line. */
    private static List<String> list(Map<String, List<String>> fields, String name) {
        String value = single(fields, name);
        return value == null
                ? List.of()
                : Arrays.stream(value.split("[,\\s]+"))
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static WebUser user(HttpServerExchange exchange) {
        return Visitor.of(exchange)
                .user()
                .orElseThrow(() -> new HttpFailure(
                        401, "log in to submit a job: run" + " `pkgforge web-login` and open the URL it prints"));
    }

    private void show(HttpServerExchange exchange, int status, SubmitView view) {
        Responses.html(exchange, status, templates.render("submit.ftlh", view, Visitor.of(exchange)));
    }
}
