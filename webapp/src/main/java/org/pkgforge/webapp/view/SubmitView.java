package org.pkgforge.webapp.view;

import java.util.List;
import java.util.Map;

/**
 * The upload form, empty or filled in again after a refusal; {@code error} (or null) says why the
 * farm refused it.
 */
public record SubmitView(
        String error, String id, String bucket, String platforms, String archs, String report, String maxSize) {
    public static SubmitView empty(long maxBytes) {
        return new SubmitView(null, "", "", "auto", "all", "", Formats.size(maxBytes));
    }

    /** The form as it was sent, with the refusal. */
    public static SubmitView refused(String error, Map<String, List<String>> fields, long maxBytes) {
        return new SubmitView(
                error,
                first(fields, "id"),
                first(fields, "bucket"),
                first(fields, "platforms"),
                first(fields, "archs"),
                first(fields, "report"),
                Formats.size(maxBytes));
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
