package org.pkgforge.controller.uploads;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.pkgforge.controller.files.HardLinks;

/**
 * The one place remote path names become local paths: the name is checked as text first, then
 * every existing component of the local path is checked on disk (no symbolic links, no hard
 * links, real path inside the user's root), so links already on disk cannot lead out.
 */
public final class UploadPaths {
    /** An upload is a directory of plain files: the root, its uploads, their files. */
    public static final int MAX_DEPTH = 2;

    static final int MAX_NAME = 255;
    static final int MAX_PATH = 1024;

    private UploadPaths() {}

    /** Refuses names no upload needs: control characters, {@code ..}, over-long or deep paths. */
    public static void checkName(String remote) throws AccessDeniedException {
        if (remote.length() > MAX_PATH) {
            throw denied(remote, "invalid name: longer than " + MAX_PATH + " characters");
        }
        for (int i = 0; i < remote.length(); i++) {
            char c = remote.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw denied(remote, "invalid name: contains control character 0x" + Integer.toHexString(c));
            }
            if (c == '\\') {
                throw denied(remote, "invalid name: contains a backslash");
            }
        }
        int depth = 0;
        for (String part : remote.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw denied(remote, "invalid name: '..' is not allowed");
            }
            if (part.length() > MAX_NAME) {
                throw denied(remote, "invalid name: a component is longer than " + MAX_NAME + " characters");
            }
            depth++;
        }
        if (depth > MAX_DEPTH) {
            throw denied(
                    remote, "invalid name: an upload is one directory of files (at most " + MAX_DEPTH + " levels)");
        }
    }

    /**
     * Checks {@code local} (inside {@code root}, which is a real path) on disk: each existing
     * component must be a plain directory or file, a file must have one link, and the deepest
     * existing ancestor's real path must lie inside the root.
     */
    public static void checkOnDisk(Path root, Path local) throws IOException {
        Path normal = local.normalize();
        if (!normal.startsWith(root)) {
            throw denied(local.toString(), "outside your upload area");
        }
        Path p = root;
        Path existing = root;
        for (Path part : root.relativize(normal)) {
            p = p.resolve(part);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            if (Files.isSymbolicLink(p)) {
                throw denied(root.relativize(p).toString(), "symbolic links are not allowed");
            }
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && HardLinks.count(p) > 1) {
                throw denied(root.relativize(p).toString(), "hard links are not allowed");
            }
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw denied(root.relativize(p).toString(), "only plain files and directories are allowed");
            }
            existing = p;
        }
        if (!existing.toRealPath().startsWith(root)) {
            throw denied(local.toString(), "outside your upload area");
        }
    }

    private static AccessDeniedException denied(String file, String reason) {
        return new AccessDeniedException(file, null, reason);
    }
}
