package org.pkgforge.webapp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pkgforge.webapp.store.JobDetails;
import org.pkgforge.webapp.store.JobHeader;
import org.pkgforge.webapp.store.JobTask;
import org.pkgforge.webapp.store.SkippedTarget;

class TemplatesTest {
    private static final String XSS = "<script>alert('x')</script>";
    private final Templates templates = new Templates();

    @Test
    void everyUserSuppliedFieldIsEscaped() {
        JobHeader job = new JobHeader(
                1, "j1", "invalid", "b" + XSS, "s" + XSS, Instant.EPOCH, List.of(XSS), List.of(), "r" + XSS);
        JobTask task = new JobTask(1, "el9", "x86_64", "fail", 1, "t" + XSS, false, "build", "agent" + XSS);
        JobDetails details = new JobDetails(
                job,
                List.of(),
                List.of(task),
                List.of(),
                List.of(new SkippedTarget("f40", "x86_64", "k" + XSS)),
                List.of());

        String html = templates.render("job.ftlh", JobView.of(details));

        assertThat(html).doesNotContain("<script>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html).contains("Rejected:").contains("r&lt;script&gt;");
    }

    @Test
    void errorPageEscapesItsMessage() {
        String html = templates.render("error.ftlh", new ErrorView(404, "no job " + XSS));
        assertThat(html)
                .contains("<h1>404</h1>")
                .contains("no job &lt;script&gt;")
                .doesNotContain(XSS);
    }
}
