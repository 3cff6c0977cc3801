package org.pkgforge.controller.sftp;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Set;
import org.apache.sshd.common.file.root.RootedFileSystem;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.uploads.OpenUploads;
import org.pkgforge.controller.uploads.UploadAreas;
import org.pkgforge.controller.uploads.UploadPaths;

/**
 * Confines SFTP to the user's upload area. {@code RootedFileSystem} only rewrites path strings
 * (the OS still follows links), so every resolved path is also checked on disk here (feasibility
 * spike F). Links cannot be made, permissions are the farm's, and the file count is capped. Files
 * open for writing are known to {@link OpenUploads}, so that a commit never takes one.
 */
final class ConfinedFileSystemAccessor implements SftpFileSystemAccessor {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final SftpConfig limits;
    private final OpenUploads openUploads;

    ConfinedFileSystemAccessor(SftpConfig limits, OpenUploads openUploads) {
        this.limits = limits;
        this.openUploads = openUploads;
    }

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath) throws IOException {
        UploadPaths.checkName(remotePath);
        Path resolved = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
        UploadPaths.checkOnDisk(realRoot(resolved), local(resolved));
        return resolved;
    }

    @Override
    public SeekableByteChannel openFile(
            SftpSubsystemProxy subsystem,
            FileHandle fileHandle,
            Path file,
            String handle,
            Set<? extends OpenOption> options,
            FileAttribute<?>... attrs)
            throws IOException {
        Path root = realRoot(file);
        Path local = local(file);
        UploadPaths.checkOnDisk(root, local);
        boolean creates =
                options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW);
        if (creates && !Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
            if (root.relativize(local).getNameCount() < UploadPaths.MAX_DEPTH) {
                throw new AccessDeniedException(
                        file.toString(), null, "put files into an upload directory (mkdir JOB-ID first)");
            }
            UploadAreas.Usage usage = UploadAreas.usage(root);
            if (usage.files() >= limits.maxFiles()) {
                throw new IOException(
                        SftpErrors.QUOTA + ": at most " + limits.maxFiles() + " files in your upload area");
            }
        }
        // No client-chosen modes (setuid bits, 0777): files get the server's umask.
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            // Known to commits until closed: a file someone can still write is never committed.
            return openUploads.openForWriting(
                    local, fileHandle, () -> SftpFileSystemAccessor.seekableByteChannelNoLinkFollow(local, options));
        }
        return SftpFileSystemAccessor.seekableByteChannelNoLinkFollow(local, options);
    }

    @Override
    public void closeFile(
            SftpSubsystemProxy subsystem,
            FileHandle fileHandle,
            Path file,
            String handle,
            Channel channel,
            Set<? extends OpenOption> options)
            throws IOException {
        try {
            SftpFileSystemAccessor.super.closeFile(subsystem, fileHandle, file, handle, channel, options);
        } finally {
            openUploads.closed(fileHandle);
        }
    }

    @Override
    public void renameFile(
            SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<java.nio.file.CopyOption> opts)
            throws IOException {
        // Under the commits' lock: a file open for writing must not be renamed into an upload
        // between a commit's check and its move.
        openUploads.renaming(() -> {
            SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
            return null;
        });
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        Files.createDirectory(path);
        Files.setPosixFilePermissions(local(path), DIRECTORY);
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        throw new AccessDeniedException(link.toString(), null, "links are not allowed");
    }

    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<java.nio.file.CopyOption> opts)
            throws IOException {
        throw new AccessDeniedException(dst.toString(), null, "server-side copy is not allowed");
    }

    @Override
    public void setFilePermissions(
            SftpSubsystemProxy subsystem, Path path, Set<PosixFilePermission> perms, LinkOption... options) {
        // Ignored on purpose: modes are the farm's (B-U2).
    }

    @Override
    public void setFileOwner(
            SftpSubsystemProxy subsystem, Path path, java.security.Principal value, LinkOption... options)
            throws IOException {
        throw new AccessDeniedException(path.toString(), null, "changing owners is not allowed");
    }

    @Override
    public void setGroupOwner(
            SftpSubsystemProxy subsystem, Path path, java.security.Principal value, LinkOption... options)
            throws IOException {
        throw new AccessDeniedException(path.toString(), null, "changing owners is not allowed");
    }

    private static Path realRoot(Path rooted) throws IOException {
        if (!(rooted.getFileSystem() instanceof RootedFileSystem fs)) {
            throw new AccessDeniedException(rooted.toString(), null, "not inside an upload area");
        }
        return fs.getRoot().toRealPath();
    }

    /** The host path a rooted path stands for (the rooted file system normalises '..' away). */
    private static Path local(Path rooted) throws IOException {
        String inside = rooted.toAbsolutePath().normalize().toString().replaceFirst("^/+", "");
        return inside.isEmpty() ? realRoot(rooted) : realRoot(rooted).resolve(inside);
    }
}
