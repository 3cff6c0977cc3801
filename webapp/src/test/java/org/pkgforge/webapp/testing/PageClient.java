package org.pkgforge.webapp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A visitor of the web UI over HTTP: pages as a session (or nobody) sees them, and form posts. */
public final class PageClient {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final String session;

    /** {@code session}: the session cookie's value, or null for an anonymous visitor. */
    public PageClient(String baseUrl, String session) {
        this.baseUrl = baseUrl;
        this.session = session;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The page's body; it must answer 200. */
    public String page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** Posts a URL-encoded form with the CSRF token found on {@code formPage}; {@code fields}: name, value, … */
    public HttpResponse<String> post(String formPage, String path, String... fields) throws Exception {
        StringJoiner body = new StringJoiner("&");
        body.add("csrf=" + csrf(formPage));
        for (int i = 0; i < fields.length; i += 2) {
            body.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
        }
        HttpRequest request = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The session's CSRF token, read where a browser finds it: a form's hidden field. */
    public String csrf(String formPage) throws Exception {
        Matcher m = CSRF.matcher(page(formPage));
        assertThat(m.find()).as("a form with a CSRF token on " + formPage).isTrue();
        return m.group(1);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (session != null) {
            request.header("Cookie", "pkgforge_session=" + session);
        }
        return request;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
