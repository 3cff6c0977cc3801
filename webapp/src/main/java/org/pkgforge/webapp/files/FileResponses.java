package org.pkgforge.webapp.files;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pkgforge.webapp.http.HttpFailure;

/** Streams a file to the client with a content type chosen from a short allow-list of extensions. */
public final class FileResponses {
    public static final String TEXT_UTF8 = "text/plain; charset=UTF-8";
    private static final String BINARY = "application/octet-stream";

    // Only types a browser will not run: anything else is offered as a download, so a product named
    // *.html cannot become a page on our origin.
    private static final Map<String, String> TYPES = Map.of(
            "log", TEXT_UTF8,
            "txt", TEXT_UTF8,
            "yml", TEXT_UTF8,
            "repo", TEXT_UTF8,
            "rpm", "application/x-rpm",
            "xml", "text/xml; charset=UTF-8",
            "gz", "application/gzip",
            "xz", "application/x-xz",
            "zst", "application/zstd",
            "bz2", "application/x-bzip2");
    private static final Set<String> INLINE = Set.of(TEXT_UTF8, "text/xml; charset=UTF-8");

    private FileResponses() {}

    public static String contentTypeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, BINARY);
    }

    /**
     * Sends {@code file}. It is opened without following links, so a symlink swapped in after the
     * caller's checks fails here instead of being served. Needs a blocking exchange.
     */
    public static void send(HttpServerExchange exchange, Path file, String contentType) throws IOException {
        try (SeekableByteChannel channel = open(file);
                InputStream in = Channels.newInputStream(channel)) {
            HeaderMap headers = exchange.getResponseHeaders();
            headers.put(Headers.CONTENT_TYPE, contentType);
            headers.put(Headers.ACCEPT_RANGES, "bytes");
            if (!INLINE.contains(contentType)) {
                headers.put(Headers.CONTENT_DISPOSITION, "attachment");
            }
            long size = channel.size();
            ByteRange.Parsed range =
                    ByteRange.parse(exchange.getRequestHeaders().getFirst(Headers.RANGE), size);
            if (range instanceof ByteRange.Unsatisfiable) {
                exchange.setStatusCode(416);
                headers.put(Headers.CONTENT_RANGE, "bytes */" + size);
                headers.put(Headers.CONTENT_LENGTH, 0);
                exchange.endExchange();
                return;
            }
            long length = size;
            if (range instanceof ByteRange.Partial partial) {
                ByteRange r = partial.range();
                exchange.setStatusCode(206);
                headers.put(Headers.CONTENT_RANGE, "bytes " + r.first() + "-" + r.last() + "/" + size);
                channel.position(r.first());
                length = r.length();
            }
            headers.put(Headers.CONTENT_LENGTH, length);
            try (OutputStream out = exchange.getOutputStream()) {
                copy(in, out, length);
            }
        }
    }

    private static SeekableByteChannel open(Path file) throws IOException {
        try {
            return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // Removed or replaced by a link since it was checked: the same answer as never there.
            throw HttpFailure.notFound("not found");
        }
    }

    // A log may still be growing while it is served: send the length announced, no more.
    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("file shrank while being sent");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
