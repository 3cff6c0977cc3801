package org.pkgforge.protocol.job;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pkgforge.protocol.job.YamlTree.Mapping;
import org.pkgforge.protocol.job.YamlTree.Node;
import org.pkgforge.protocol.job.YamlTree.Scalar;
import org.pkgforge.protocol.job.YamlTree.Sequence;

/**
 * Reads and writes build.yml, compatible with the original client's files (sha1sum only,
 * comma-separated list entries). Every refusal names the line and column. A key outside the
 * original's serialised attributes (plus {@code sha256sum}) is refused with a "did you mean"
 * hint: the original ignored them, but it never wrote any, and a silently ignored
 * {@code bukcet:} or {@code platfroms:} builds the wrong thing.
 */
public final class ManifestCodec {
    /** A manifest is a few hundred bytes; anything near this is an attack or a mistake. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final YAMLMapper WRITER = new YAMLMapper();
    /** {@code verbose} is read and ignored: some of the original's manifests carry it. */
    static final List<String> JOB_KEYS = List.of(
            "id", "bucket", "platforms", "archs", "packages", "size", "submitter", "subtime", "report", "verbose");

    static final List<String> PACKAGE_KEYS = List.of("type", "file", "size", "sha1sum", "sha256sum");

    private ManifestCodec() {}

    public static JobManifest read(Path buildYml) throws JobFormatException {
        String label = Shown.plain(String.valueOf(buildYml.getFileName()), 255);
        Node root = YamlTree.parse(label, decode(label, readLimited(label, buildYml)));
        return new Reader(label).manifest(root);
    }

    /** Writes with sorted keys, like the original, so manifests are reproducible and diffable. */
    public static void write(JobManifest m, Path buildYml) throws IOException {
        Map<String, Object> doc = new TreeMap<>();
        doc.put("id", m.id());
        doc.put("bucket", m.bucket());
        doc.put("platforms", m.platforms());
        doc.put("archs", m.archs());
        List<Map<String, Object>> packages = new ArrayList<>();
        for (ManifestPackage p : m.packages()) {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("type", p.type());
            entry.put("file", p.file());
            entry.put("size", p.size());
            entry.put("sha1sum", p.sha1sum());
            if (p.sha256sum() != null) {
                entry.put("sha256sum", p.sha256sum());
            }
            packages.add(entry);
        }
        doc.put("packages", packages);
        doc.put("size", m.size());
        if (!m.report().isEmpty()) {
            doc.put("report", m.report());
        }
        if (m.submitter() != null) {
            doc.put("submitter", m.submitter());
        }
        if (m.subtime() != null) {
            doc.put("subtime", m.subtime());
        }
        String text = WRITER.writeValueAsString(doc);
        byte[] yaml = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(
                buildYml,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            for (ByteBuffer buffer = ByteBuffer.wrap(yaml); buffer.hasRemaining(); ) {
                out.write(buffer);
            }
            // Durable before the job directory is renamed into place.
            out.force(true);
        }
    }

    private static byte[] readLimited(String label, Path file) throws JobFormatException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new JobFormatException(label + ": larger than " + MAX_BYTES / 1024 + " KiB");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new JobFormatException(label + ": missing", e);
        } catch (FileSystemException e) {
            // ELOOP from NOFOLLOW_LINKS, EISDIR, EACCES: all mean this is not a usable manifest.
            throw new JobFormatException(
                    label + ": cannot be read ("
                            + Optional.ofNullable(e.getReason()).orElse("file system error") + ")",
                    e);
        } catch (IOException e) {
            throw new JobFormatException(label + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static String decode(String label, byte[] bytes) throws JobFormatException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JobFormatException(label + ": not valid UTF-8 text", e);
        }
    }

    /** Turns the node tree into a manifest, one field at a time; errors carry the node's position. */
    private record Reader(String label) {
        JobManifest manifest(Node root) throws JobFormatException {
            if (!(root instanceof Mapping doc)) {
                throw error(root, "the manifest must be a mapping of keys to values");
            }
            refuseUnknownKeys(doc, JOB_KEYS, "");
            Map<String, Node> fields = doc.entries();
            String id = requiredString(doc, "id");
            rethrowAt(fields.get("id"), checkId(id));
            String bucket = requiredString(doc, "bucket");
            rethrowAt(fields.get("bucket"), ManifestFields.bucketProblem(bucket));
            List<String> platforms = rules(fields.get("platforms"), "platforms", JobManifest.DEFAULT_PLATFORMS);
            List<String> archs = rules(fields.get("archs"), "archs", JobManifest.DEFAULT_ARCHS);
            List<String> report = ManifestFields.splitList(strings(fields.get("report"), "report"), List.of());
            for (String address : report) {
                rethrowAt(fields.get("report"), ManifestFields.emailProblem(address));
            }
            List<ManifestPackage> packages = new ArrayList<>();
            Node packagesNode = fields.get("packages");
            if (packagesNode != null && !isNull(packagesNode)) {
                if (!(packagesNode instanceof Sequence list)) {
                    throw error(packagesNode, "packages must be a list");
                }
                for (int i = 0; i < list.items().size(); i++) {
                    packages.add(pkg(list.items().get(i), "packages[" + i + "]"));
                }
            }
            String submitter = optionalString(fields.get("submitter"), "submitter");
            Long subtime = optionalLong(fields.get("subtime"), "subtime");
            return new JobManifest(id, bucket, platforms, archs, packages, report, submitter, subtime);
        }

        private ManifestPackage pkg(Node node, String where) throws JobFormatException {
            if (!(node instanceof Mapping entry)) {
                throw error(node, where + " must be a mapping with type, file, size and sha1sum");
            }
            refuseUnknownKeys(entry, PACKAGE_KEYS, " in " + where);
            Map<String, Node> fields = entry.entries();
            String type = requiredString(entry, "type", where);
            rethrowAt(fields.get("type"), ManifestFields.typeProblem(type));
            String file = requiredString(entry, "file", where);
            rethrowAt(fields.get("file"), ManifestFields.fileNameProblem(file));
            Long size = optionalLong(fields.get("size"), where + ".size");
            if (size != null && size < 0) {
                throw error(fields.get("size"), where + ".size must not be negative");
            }
            String sha1 = requiredString(entry, "sha1sum", where);
            String sha1sum = ManifestFields.normalizedSha1(sha1)
                    .orElseThrow(() -> error(fields.get("sha1sum"), where + ".sha1sum must be 40 hex digits"));
            String sha256 = optionalString(fields.get("sha256sum"), where + ".sha256sum");
            String sha256sum = null;
            if (sha256 != null) {
                sha256sum = ManifestFields.normalizedSha256(sha256)
                        .orElseThrow(() -> error(fields.get("sha256sum"), where + ".sha256sum must be 64 hex digits"));
            }
            // The original wrote size 0 when it could not stat the file; keep accepting that.
            return new ManifestPackage(type, file, size == null ? 0 : size, sha1sum, sha256sum);
        }

        private void refuseUnknownKeys(Mapping map, List<String> known, String where) throws JobFormatException {
            for (var key : map.keys().entrySet()) {
                if (!known.contains(key.getKey())) {
                    throw YamlTree.error(
                            label,
                            key.getValue(),
                            "unknown key " + Shown.quote(key.getKey()) + where
                                    + Suggestions.didYouMean(key.getKey(), known) + " (known: "
                                    + String.join(", ", known) + ")");
                }
            }
        }

        private List<String> rules(Node node, String field, List<String> fallback) throws JobFormatException {
            List<String> rules = ManifestFields.splitList(strings(node, field), fallback);
            for (String rule : rules) {
                rethrowAt(node, ManifestFields.ruleProblem(field, rule));
            }
            return rules;
        }

        /** A list of scalars, or one scalar (read as a one-element list); null when absent. */
        private List<String> strings(Node node, String field) throws JobFormatException {
            if (node == null || isNull(node)) {
                return null;
            }
            if (node instanceof Scalar scalar) {
                return List.of(scalar.text());
            }
            if (!(node instanceof Sequence list)) {
                throw error(node, field + " must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (Node item : list.items()) {
                if (!(item instanceof Scalar scalar) || scalar.text() == null) {
                    throw error(item, field + " entries must be strings");
                }
                out.add(scalar.text());
            }
            return out;
        }

        private String requiredString(Mapping map, String key) throws JobFormatException {
            return requiredString(map, key, null);
        }

        private String requiredString(Mapping map, String key, String where) throws JobFormatException {
            String name = where == null ? key : where + "." + key;
            Node node = map.entries().get(key);
            if (node == null || isNull(node)) {
                throw error(node == null ? map : node, name + " is missing");
            }
            String value = optionalString(node, name);
            if (value.isEmpty()) {
                throw error(node, name + " is empty");
            }
            return value;
        }

        private String optionalString(Node node, String name) throws JobFormatException {
            if (node == null || isNull(node)) {
                return null;
            }
            if (!(node instanceof Scalar scalar)) {
                throw error(node, name + " must be a single value, not a list or mapping");
            }
            return scalar.text();
        }

        private Long optionalLong(Node node, String name) throws JobFormatException {
            String text = optionalString(node, name);
            if (text == null) {
                return null;
            }
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw error(node, name + " must be a whole number, not " + Shown.quote(text));
            }
        }

        private static boolean isNull(Node node) {
            return node instanceof Scalar scalar && scalar.text() == null;
        }

        private static Optional<String> checkId(String id) {
            try {
                JobIds.check(id);
                return Optional.empty();
            } catch (JobFormatException e) {
                return Optional.of(e.reason());
            }
        }

        private void rethrowAt(Node node, Optional<String> problem) throws JobFormatException {
            if (problem.isPresent()) {
                throw error(node, problem.get());
            }
        }

        private JobFormatException error(Node node, String problem) {
            return YamlTree.error(label, node.position(), problem);
        }
    }
}
