package org.pkgforge.webapp.files;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range} header (RFC 9110 §14), resolved against the file size:
 * {@code first} and {@code last} inclusive. Only a single {@code bytes=} range is honoured; anything
 * else (several ranges, other units, nonsense) is ignored and the whole file is sent, as the RFC
 * allows.
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d{0,18})-(\\d{0,18})$");

    public long length() {
        return last - first + 1;
    }

    /** The outcome of reading a header: no range (send all), a range, or unsatisfiable (416). */
    public sealed interface Parsed {}

    public record Whole() implements Parsed {}

    public record Partial(ByteRange range) implements Parsed {}

    public record Unsatisfiable() implements Parsed {}

    public static Parsed parse(String header, long size) {
        Matcher m = header == null ? null : SINGLE.matcher(header.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        Optional<ByteRange> range;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            range = suffix == 0 || size == 0
                    ? Optional.empty()
                    : Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        } else {
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return new Whole(); // syntactically invalid: ignored
            }
            range = first >= size ? Optional.empty() : Optional.of(new ByteRange(first, last));
        }
        return range.<Parsed>map(Partial::new).orElseGet(Unsatisfiable::new);
    }
}
