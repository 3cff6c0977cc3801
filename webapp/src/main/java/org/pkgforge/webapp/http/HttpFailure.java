package org.pkgforge.webapp.http;

/**
 * Ends a request with an error page: {@code status} for the client, {@code message} shown to the
 * user (escaped by the template). Thrown by pages so that each one stays a straight line.
 */
public final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static HttpFailure notFound(String message) {
        return new HttpFailure(404, message);
    }

    public int status() {
        return status;
    }
}
