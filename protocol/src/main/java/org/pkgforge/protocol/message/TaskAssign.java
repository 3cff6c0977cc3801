package org.pkgforge.protocol.message;

import java.util.List;

/**
 * Controller → agent: build this task. The sources follow as {@link SourceChunk}s, in the order
 * listed, which is also the build order of the set.
 */
public record TaskAssign(
        long taskId,
        int attempt,
        String jobId,
        String bucket,
        String platform,
        String arch,
        String builder,
        List<SourceFile> sources)
        implements Message, TaskScoped {
    public TaskAssign {
        sources = List.copyOf(sources);
    }

    /** One source package: a bare file name, its size and SHA-256 (hex). */
    public record SourceFile(String name, long size, String sha256) {}
}
