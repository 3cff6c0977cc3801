package org.pkgforge.protocol.message;

import java.util.List;

/**
 * Agent → controller, after the products' chunks: how the attempt ended. The controller checks
 * every product's size and SHA-256 against what it received before accepting.
 */
public record TaskResult(long taskId, int attempt, Outcome outcome, String reason, List<Product> products, long logSize)
        implements Message, TaskScoped {
    public TaskResult {
        products = List.copyOf(products);
    }

    /** How an attempt ended. INFRA_FAIL means the farm failed, not the package: it is retried. */
    public enum Outcome {
        SUCCESS,
        FAIL,
        INFRA_FAIL
    }

    /** One built file: a bare file name, its size and SHA-256 (hex). */
    public record Product(String file, long size, String sha256) {}
}
