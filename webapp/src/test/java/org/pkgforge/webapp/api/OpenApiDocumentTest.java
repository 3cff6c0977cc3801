package org.pkgforge.webapp.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.RoutesForTests;

/**
 * The hand-written OpenAPI document cannot drift from the code: it documents exactly the routed
 * {@code /api/v1} operations, every reference resolves, and each {@link ApiJson} record has a
 * schema with exactly its components as properties.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void documentsExactlyTheRoutedApiOperations() throws Exception {
        JsonNode doc = document();
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        // The route table of a server that is built but never queries its (unreachable) database.
        List<Routes.Route> routes =
                RoutesForTests.table(Jdbi.create("jdbc:postgresql://127.0.0.1:1/none"), Path.of("x"));
        Set<String> routed = routes.stream()
                .filter(r -> r.template().startsWith(Routes.API + "/"))
                .map(r -> r.method() + " " + r.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routed).as("API routes").hasSizeGreaterThanOrEqualTo(10);
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void everyRecordHasASchemaWithExactlyItsComponents() throws Exception {
        JsonNode schemas = document().at("/components/schemas");
        for (Class<?> type : ApiJson.class.getDeclaredClasses()) {
            if (!type.isRecord()) {
                continue;
            }
            JsonNode schema = schemas.get(type.getSimpleName());
            assertThat(schema).as("schema for %s", type.getSimpleName()).isNotNull();
            Set<String> components = Arrays.stream(type.getRecordComponents())
                    .map(c -> c.getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> properties = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).as("properties of %s", type.getSimpleName()).isEqualTo(components);
            Set<String> required = new TreeSet<>();
            schema.get("required").forEach(r -> required.add(r.asText()));
            assertThat(required)
                    .as("%s: every property is always present (null when unknown)", type.getSimpleName())
                    .isEqualTo(components);
        }
    }

    @Test
    void everyReferenceResolves() throws Exception {
        JsonNode doc = document();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("$ref")) {
                    refs.add(f.getValue().asText());
                } else {
                    collectRefs(f.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    static JsonNode document() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(FarmResource.DOCUMENT)) {
            assertThat(in).as(FarmResource.DOCUMENT).isNotNull();
            return JSON.readTree(in);
        }
    }
}
