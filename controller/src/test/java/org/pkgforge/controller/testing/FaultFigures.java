package org.pkgforge.controller.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The figures the fault tests measured, merged into {@code target/fault-figures.json} (one key per
 * scenario), so a CI run leaves a machine-readable record next to its reports.
 */
public final class FaultFigures {
    private static final Path FILE = Path.of("target", "fault-figures.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FaultFigures() {}

    public static synchronized void record(String scenario, Map<String, ?> figures) {
        try {
            ObjectNode all = Files.exists(FILE) ? (ObjectNode) JSON.readTree(FILE.toFile()) : JSON.createObjectNode();
            ObjectNode node = JSON.valueToTree(figures);
            node.put("recordedAt", Instant.now().toString());
            all.set(scenario, node);
            Files.createDirectories(FILE.getParent());
            JSON.writeValue(FILE.toFile(), all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
