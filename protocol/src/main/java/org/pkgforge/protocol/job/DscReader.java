package org.pkgforge.protocol.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates a Debian source control file ({@code .dsc}) and the files it lists, as data: the
 * deb822 text is parsed in Java, nothing is unpacked and no Debian tool runs. Checks: a regular
 * file of at most 1 MiB; Format, Source and Version present and well-formed; a Checksums-Sha256
 * list whose every entry is a bare file name ({@link ManifestFields#fileNameProblem}: no
 * directory, nothing hidden, so no path traversal), agrees with the Files list, and matches the
 * file beside the .dsc in size and SHA-256. A clearsigned .dsc is read inside its armour; the
 * signature is not checked here.
 */
public final class DscReader {
    public static final String SUFFIX = ".dsc";
    private static final long MAX_SIZE = 1024 * 1024;
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");
    private static final Pattern VERSION = Pattern.compile("([0-9]+:)?[A-Za-z0-9.+~-]{1,100}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private DscReader() {}

    /** One file the .dsc lists. */
    public record DscFile(String name, long size, String sha256) {}

    /** What a .dsc says. {@code buildDepends} is the field's text, empty when absent. */
    public record DscInfo(
            String source,
            String version,
            String format,
            List<String> binaries,
            List<String> architecture,
            String buildDepends,
            List<DscFile> files) {
        public DscInfo {
            binaries = List.copyOf(binaries);
            architecture = List.copyOf(architecture);
            files = List.copyOf(files);
        }
    }

    /** Reads {@code dsc} and checks every listed file beside it. */
    public static DscInfo validate(Path dsc) throws JobFormatException {
        DscInfo info = read(dsc);
        Path dir = dsc.toAbsolutePath().getParent();
        for (DscFile f : info.files()) {
            Path file = dir.resolve(f.name());
            String label = dsc.getFileName() + ": listed file " + Shown.quote(f.name());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new JobFormatException(label + " is missing or not a regular file");
            }
            try {
                Checksums.FileDigest digest = Checksums.digest(file);
                if (digest.size() != f.size() || !digest.sha256().equals(f.sha256())) {
                    throw new JobFormatException(label + " does not match its size and SHA-256 in the .dsc");
                }
            } catch (IOException e) {
                throw new JobFormatException(label + " cannot be read (" + e.getMessage() + ")", e);
            }
        }
        return info;
    }

    public static DscInfo read(Path dsc) throws JobFormatException {
        String label = String.valueOf(dsc.getFileName());
        if (!label.endsWith(SUFFIX)) {
            throw new JobFormatException(label + ": a Debian source control file's name must end in " + SUFFIX);
        }
        try {
            if (!Files.isRegularFile(dsc, LinkOption.NOFOLLOW_LINKS)) {
                throw new JobFormatException(label + ": not a regular file");
            }
            if (Files.size(dsc) > MAX_SIZE) {
                throw new JobFormatException(label + ": larger than " + MAX_SIZE + " bytes");
            }
            return parse(Files.readString(dsc, UTF_8), label);
        } catch (IOException e) {
            throw new JobFormatException(label + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static DscInfo parse(String text, String label) throws JobFormatException {
        Map<String, String> fields = fields(unarmour(text), label);
        String format = required(fields, "format", label);
        String source = required(fields, "source", label);
        if (!SOURCE.matcher(source).matches()) {
            throw new JobFormatException(label + ": invalid Source " + Shown.quote(source));
        }
        String version = required(fields, "version", label);
        if (!VERSION.matcher(version).matches()) {
            throw new JobFormatException(label + ": invalid Version " + Shown.quote(version));
        }
        List<DscFile> files = new ArrayList<>();
        for (String line : lines(required(fields, "checksums-sha256", label))) {
            String[] parts = line.split("\\s+");
            if (parts.length != 3 || !SHA256.matcher(parts[0]).matches() || !parts[1].matches("[0-9]{1,15}")) {
                throw new JobFormatException(label + ": malformed Checksums-Sha256 line " + Shown.quote(line));
            }
            Optional<String> problem = ManifestFields.fileNameProblem(parts[2]);
            if (problem.isPresent() || parts[2].equals("..")) {
                throw new JobFormatException(label + ": Checksums-Sha256 " + problem.orElse("names " + parts[2]));
            }
            files.add(new DscFile(parts[2], Long.parseLong(parts[1]), parts[0]));
        }
        if (files.isEmpty()) {
            throw new JobFormatException(label + ": Checksums-Sha256 lists no files");
        }
        List<String> md5Names = lines(fields.getOrDefault("files", "")).stream()
                .map(l -> l.split("\\s+"))
                .map(p -> p[p.length - 1])
                .sorted()
                .toList();
        List<String> names = files.stream().map(DscFile::name).sorted().toList();
        if (!md5Names.isEmpty() && !md5Names.equals(names)) {
            throw new JobFormatException(label + ": Files and Checksums-Sha256 list different files");
        }
        return new DscInfo(
                source,
                version,
                format,
                words(fields.getOrDefault("binary", "")),
                words(fields.getOrDefault("architecture", "")),
                fields.getOrDefault("build-depends", "").strip(),
                files);
    }

    /** The body of a clearsigned message, or the text itself. */
    private static String unarmour(String text) {
        if (!text.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")) {
            return text;
        }
        int body = text.indexOf("\n\n");
        int end = text.indexOf("\n-----BEGIN PGP SIGNATURE-----");
        return body < 0 || end < body ? text : text.substring(body + 2, end);
    }

    /** deb822 fields of the first paragraph, keys lower-cased; continuation lines joined by \n. */
    private static Map<String, String> fields(String text, String label) throws JobFormatException {
        Map<String, String> fields = new LinkedHashMap<>();
        String current = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (current == null) {
                    throw new JobFormatException(label + ": a continuation line before any field");
                }
                fields.put(current, fields.get(current) + "\n" + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new JobFormatException(label + ": not a deb822 field: " + Shown.quote(line));
            }
            current = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (fields.put(current, line.substring(colon + 1).strip()) != null) {
                throw new JobFormatException(label + ": field " + current + " appears twice");
            }
        }
        return fields;
    }

    private static String required(Map<String, String> fields, String key, String label) throws JobFormatException {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw new JobFormatException(label + ": the " + key + " field is missing");
        }
        return value.strip();
    }

    private static List<String> lines(String value) {
        return value.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> words(String value) {
        return List.of(value.split("[\\s,]+")).stream()
                .filter(w -> !w.isEmpty())
                .toList();
    }
}
