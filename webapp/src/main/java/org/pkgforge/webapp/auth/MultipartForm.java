package org.pkgforge.webapp.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MultipartParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.http.HttpFailure;

/**
 * Streams a {@code multipart/form-data} body: text fields are collected (small, bounded), file
 * parts go straight to a {@link FileSink} as they arrive, never into memory or a temporary file.
 * The first field must be the session's CSRF token, so nothing of a forged request is stored.
 */
public final class MultipartForm {
    static final String CONTENT_TYPE = "multipart/form-data";
    private static final int MAX_FIELD_BYTES = 8 * 1024;
    private static final int MAX_FIELDS = 64;

    /** Where file parts go, in the order they arrive. */
    public interface FileSink {
        void beginFile(String fileName) throws Refused;

        void data(ByteBuffer data) throws Refused;
    }

    private MultipartForm() {}

    /**
     * Reads the whole body into {@code files} and {@code fields} (text fields in order, repeated
     * names kept; filled as they arrive, so a refusal midway leaves what came before it).
     */
    public static void read(HttpServerExchange exchange, FileSink files, Map<String, List<String>> fields)
            throws Refused, IOException {
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String boundary = type == null ? null : Headers.extractQuotedValueFromHeader(type, "boundary");
        if (type == null || !type.startsWith(CONTENT_TYPE) || boundary == null) {
            throw Csrf.refusal();
        }
        Parts parts = new Parts(Visitor.of(exchange), files, fields);
        MultipartParser.ParseState state = MultipartParser.beginParse(
                exchange.getConnection().getByteBufferPool(),
                parts,
                boundary.getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.UTF_8.name());
        byte[] buffer = new byte[64 * 1024];
        InputStream in = exchange.getInputStream();
        try {
            for (int n = in.read(buffer); n > 0 && !state.isComplete(); n = in.read(buffer)) {
                state.parse(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (Stop stop) {
            throw stop.refused;
        } catch (RefusedInCallback e) {
            throw e.refused;
        }
        if (!state.isComplete()) {
            throw new HttpFailure(400, "the upload ended before the form was complete");
        }
        if (!parts.csrfSeen) {
            throw Csrf.refusal();
        }
    }

    /** Carries a refusal out of the parser's callbacks, which may only throw IOException. */
    private static final class Stop extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Refused refused;

        Stop(Refused refused) {
            super(refused.getMessage(), null);
            this.refused = refused;
        }
    }

    private static final class Parts implements MultipartParser.PartHandler {
        private final Visitor visitor;
        private final FileSink files;
        private final Map<String, List<String>> fields;
        private final ByteArrayOutputStream field = new ByteArrayOutputStream();
        private String name;
        private boolean file;
        private boolean csrfSeen;
        private int count;

        Parts(Visitor visitor, FileSink files, Map<String, List<String>> fields) {
            this.visitor = visitor;
            this.files = files;
            this.fields = fields;
        }

        @Override
        public void beginPart(HeaderMap headers) {
            String disposition = String.valueOf(headers.getFirst(Headers.CONTENT_DISPOSITION));
            name = Headers.extractQuotedValueFromHeader(disposition, "name");
            String fileName = Headers.extractQuotedValueFromHeader(disposition, "filename");
            if (!csrfSeen && (fileName != null || !Csrf.FIELD.equals(name))) {
                throw Csrf.refusal(); // the token comes first: nothing is stored before it is checked
            }
            if (++count > MAX_FIELDS) {
                throw new HttpFailure(400, "the form has more than " + MAX_FIELDS + " fields");
            }
            // A file input left empty is sent as a part with an empty file name.
            file = fileName != null;
            field.reset();
            if (file && !fileName.isEmpty()) {
                try {
                    files.beginFile(fileName);
                } catch (Refused e) {
                    throw new RefusedInCallback(e);
                }
            }
        }

        @Override
        public void data(ByteBuffer data) throws IOException {
            if (file) {
                try {
                    files.data(data);
                } catch (Refused e) {
                    throw new Stop(e);
                }
                return;
            }
            if (field.size() + data.remaining() > MAX_FIELD_BYTES) {
                throw new Stop(new Refused(
                        Refused.Kind.INVALID, "field " + name + " is longer than " + MAX_FIELD_BYTES + " bytes"));
            }
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            field.write(bytes, 0, bytes.length);
        }

        @Override
        public void endPart() {
            if (file) {
                return;
            }
            String value = field.toString(StandardCharsets.UTF_8);
            if (!csrfSeen) {
                visitor.checkCsrf(value);
                csrfSeen = true;
                return;
            }
            fields.computeIfAbsent(name == null ? "" : name, k -> new ArrayList<>())
                    .add(value);
        }
    }

    /** A refusal from {@link Parts#beginPart}, which may not throw checked exceptions at all. */
    private static final class RefusedInCallback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Refused refused;

        RefusedInCallback(Refused refused) {
            super(refused.getMessage(), null, false, false);
            this.refused = refused;
        }
    }
}
