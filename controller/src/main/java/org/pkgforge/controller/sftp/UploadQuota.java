package org.pkgforge.controller.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.sshd.common.file.root.RootedFileSystem;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.pkgforge.controller.uploads.UploadAreas;

/**
 * Refuses a write that would take the user's area past its quota, counting the end offset (so a
 * sparse write far out is refused too) before anything is written.
 */
final class UploadQuota implements SftpEventListener {
    private final long quotaBytes;

    UploadQuota(long quotaBytes) {
        this.quotaBytes = quotaBytes;
    }

    @Override
    public void writing(
            ServerSession session,
            String remoteHandle,
            FileHandle localHandle,
            long offset,
            byte[] data,
            int dataOffset,
            int dataLen)
            throws IOException {
        Path file = localHandle.getFile();
        Path root = ((RootedFileSystem) file.getFileSystem()).getRoot();
        long current = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
        long others = UploadAreas.usage(root).bytes() - current;
        long after = others + Math.max(current, offset + dataLen);
        if (offset < 0 || after > quotaBytes) {
            throw new IOException(SftpErrors.QUOTA + ": your upload area may hold " + quotaBytes
                    + " bytes; remove old uploads or split the job");
        }
    }
}
