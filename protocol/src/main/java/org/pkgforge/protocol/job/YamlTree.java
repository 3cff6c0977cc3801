package org.pkgforge.protocol.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into plain nodes that remember where they were, so that a refusal can say
 * "build.yml line 3, column 7: …" for a bad value, not only for bad syntax. Scalars keep their
 * source text: {@code id: 0123} stays "0123" instead of becoming the number 83 or 123.
 *
 * <p>Anchors and aliases are refused outright (a manifest has no use for them and they are the
 * basis of "billion laughs" documents), as are duplicate keys, several documents and deep nesting.
 */
final class YamlTree {
    private static final int MAX_DEPTH = 16;
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** A place in the document, 1-based. */
    record Position(int line, int column) {
        static Position of(JsonLocation location) {
            return new Position(location.getLineNr(), location.getColumnNr());
        }
    }

    sealed interface Node permits Scalar, Sequence, Mapping {
        Position position();
    }

    /** A scalar; {@code text} is null for a YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(String text, Position position) implements Node {}

    record Sequence(List<Node> items, Position position) implements Node {}

    /** {@code keys} holds where each key was written, for "unknown key" errors. */
    record Mapping(Map<String, Node> entries, Map<String, Position> keys, Position position) implements Node {}

    private final String label;
    private final YAMLParser parser;

    private YamlTree(String label, YAMLParser parser) {
        this.label = label;
        this.parser = parser;
    }

    /** Parses one YAML document; {@code label} (the file name) starts every error message. */
    static Node parse(String label, String yaml) throws JobFormatException {
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            YamlTree tree = new YamlTree(label, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JobFormatException(label + ": the file is empty");
            }
            Node root = tree.node(first, 0);
            if (parser.nextToken() != null) {
                throw tree.error(Position.of(parser.currentTokenLocation()), "only one YAML document is allowed");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(label, e);
        } catch (IOException e) {
            // The parser reads from a String, so this is a parse failure too.
            throw new JobFormatException(label + ": " + Shown.plain(e.getMessage(), 200), e);
        }
    }

    JobFormatException error(Position at, String problem) {
        return error(label, at, problem);
    }

    static JobFormatException error(String label, Position at, String problem) {
        return new JobFormatException(label + " line " + at.line() + ", column " + at.column() + ": " + problem);
    }

    private Node node(JsonToken token, int depth) throws IOException, JobFormatException {
        Position at = Position.of(parser.currentTokenLocation());
        if (parser.isCurrentAlias()) {
            throw error(at, "YAML aliases (*" + parser.getText() + ") are not allowed");
        }
        if (parser.getObjectId() != null) {
            throw error(at, "YAML anchors (&" + parser.getObjectId() + ") are not allowed");
        }
        if (depth > MAX_DEPTH) {
            throw error(at, "nested more than " + MAX_DEPTH + " levels deep");
        }
        return switch (token) {
            case START_OBJECT -> mapping(at, depth);
            case START_ARRAY -> sequence(at, depth);
            case VALUE_NULL -> new Scalar(null, at);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> new Scalar(
                    parser.getText(), at);
            default -> throw error(at, "unexpected YAML content (" + token + ")");
        };
    }

    private Mapping mapping(Position at, int depth) throws IOException, JobFormatException {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Position> keys = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            Position keyAt = Position.of(parser.currentTokenLocation());
            String key = parser.currentName();
            if (entries.containsKey(key)) {
                throw error(keyAt, "duplicate key " + Shown.quote(key));
            }
            keys.put(key, keyAt);
            entries.put(key, node(parser.nextToken(), depth + 1));
        }
        return new Mapping(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keys), at);
    }

    private Sequence sequence(Position at, int depth) throws IOException, JobFormatException {
        List<Node> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(node(t, depth + 1));
        }
        return new Sequence(List.copyOf(items), at);
    }

    private static JobFormatException syntaxError(String label, JsonProcessingException e) {
        // Jackson wraps SnakeYAML's exception; the original has the bare problem and its 0-based mark.
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
            return new JobFormatException(
                    label + " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                            + Shown.plain(problem, 200),
                    e);
        }
        JsonLocation location = e.getLocation();
        if (location == null) {
            return new JobFormatException(label + ": " + Shown.plain(e.getOriginalMessage(), 200), e);
        }
        return new JobFormatException(
                error(label, Position.of(location), Shown.plain(e.getOriginalMessage(), 200))
                        .reason(),
                e);
    }
}
