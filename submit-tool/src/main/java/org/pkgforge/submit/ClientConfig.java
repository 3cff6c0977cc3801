package org.pkgforge.submit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pkgforge.protocol.job.Suggestions;

/**
 * The client's configuration: {@code /etc/pkgforge/pkgforge.yaml}, then
 * {@code ~/.config/pkgforge/config.yaml} (later files win, the command line wins over both).
 * Keys are the original PkgForge option names plus the SSH connection; an unknown key is an
 * error with its file, line and column and a "did you mean" hint.
 */
final class ClientConfig {
    static final List<String> KEYS = List.of(
            "bucket",
            "platforms",
            "archs",
            "report",
            "target",
            "server",
            "port",
            "user",
            "identity",
            "known_hosts",
            "web_url",
            "timeout");

    /** A config file that cannot be used, with where and why. */
    static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    private ClientConfig(Map<String, String> values) {
        this.values = values;
    }

    static ClientConfig empty() {
        return new ClientConfig(Map.of());
    }

    /** The standard files, as far as they exist; {@code env} may move them (PKGFORGE_CONFIG, HOME). */
    static ClientConfig load(Map<String, String> env) throws ConfigException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of(env.getOrDefault("PKGFORGE_SYSTEM_CONFIG", "/etc/pkgforge/pkgforge.yaml")));
        if (env.containsKey("PKGFORGE_CONFIG")) {
            files.add(Path.of(env.get("PKGFORGE_CONFIG")));
        } else if (env.containsKey("HOME")) {
            files.add(Path.of(env.get("HOME"), ".config", "pkgforge", "config.yaml"));
        }
        Map<String, String> merged = new LinkedHashMap<>();
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                merged.putAll(read(f));
            }
        }
        return new ClientConfig(merged);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** One flat mapping of scalars or lists of scalars (lists are joined with commas). */
    static Map<String, String> read(Path file) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return out;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(where(file, p) + "expected a mapping of option names to values");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String at = where(file, p);
                if (!KEYS.contains(key)) {
                    throw new ConfigException(at + "unknown key '" + key + "'" + Suggestions.didYouMean(key, KEYS)
                            + "; known keys: " + KEYS);
                }
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (!p.currentToken().isScalarValue()) {
                            throw new ConfigException(where(file, p) + key + ": expected a list of plain values");
                        }
                        items.add(p.getText());
                    }
                    out.put(key, String.join(",", items));
                } else if (value.isScalarValue()) {
                    out.put(key, p.getText());
                } else {
                    throw new ConfigException(at + key + ": expected a value or a list of values");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(
                    file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        return out;
    }

    private static String where(Path file, JsonParser p) {
        var loc = p.currentTokenLocation();
        return file + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }
}
