package org.pkgforge.protocol.message;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Controller → agent: build this task. The sources follow as {@link SourceChunk}s, in the order
 * listed, which is also the build order of the set. {@code options} are the builder's settings
 * for this platform and bucket, from the controller's configuration (e.g. {@code errorPolicy},
 * {@code checkPolicy}); the builder documents which keys it reads and ignores the others.
 */
public record TaskAssign(
        long taskId,
        int attempt,
        String jobId,
        String bucket,
        String platform,
        String arch,
        String builder,
        Map<String, String> options,
        List<SourceFile> sources)
        implements Message, TaskScoped {
    public TaskAssign {
        // Sorted, so that the same options always encode to the same bytes.
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
        sources = List.copyOf(sources);
    }

    /** One source package: a bare file name, its size and SHA-256 (hex). */
    public record SourceFile(String name, long size, String sha256) {}
}
