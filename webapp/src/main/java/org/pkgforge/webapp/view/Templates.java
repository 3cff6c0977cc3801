package org.pkgforge.webapp.view;

import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.pkgforge.webapp.auth.Visitor;

/**
 * The process's single FreeMarker configuration, set up as the FreeMarker manual recommends.
 * Templates are {@code .ftlh}, and HTML output is forced for every template, so all values are
 * escaped: job ids, reasons and file names are user input.
 */
public final class Templates {
    private final Configuration config;

    public Templates() {
        // 2.3.33 also lets templates read record components as properties (job.status).
        config = new Configuration(Configuration.VERSION_2_3_33);
        config.setClassForTemplateLoading(Templates.class, "/templates");
        config.setDefaultEncoding(StandardCharsets.UTF_8.name());
        config.setOutputFormat(HTMLOutputFormat.INSTANCE);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        // "1234", not "1,234": numbers on these pages are ids, counts and sizes, not prose.
        config.setNumberFormat("computer");
    }

    /** Renders {@code template} with {@code model} (a view record) as its data model, for nobody in particular. */
    public String render(String template, Object model) {
        return render(template, model, null);
    }

    /**
     * As {@link #render(String, Object)}; the layout reads {@code visitor} (who is logged in, the
     * forms' CSRF token).
     */
    public String render(String template, Object model, Visitor visitor) {
        try {
            Template t = config.getTemplate(template);
            StringWriter out = new StringWriter();
            Environment env = t.createProcessingEnvironment(model, out);
            if (visitor != null) {
                env.setGlobalVariable("visitor", config.getObjectWrapper().wrap(visitor));
            }
            env.process();
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load template " + template, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + template + " failed: " + e.getMessage(), e);
        }
    }
}
