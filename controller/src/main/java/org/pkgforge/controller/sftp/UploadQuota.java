package org.pkgforge.controller.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.file.root.RootedFileSystem;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.pkgforge.controller.uploads.UploadAreas;

/**
 * Refuses a write that would take the user's area past its quota, counting the end offset (so a
 * sparse write far out is refused too) before anything is written. What the rest of the area
 * holds is measured once per open file, not per write; files written at the same time through
 * other handles are counted from when this one was opened (so concurrent handles can overshoot by
 * what they write meanwhile, bounded by the open-handle limit).
 */
final class UploadQuota implements SftpEventListener {
    private final long quotaBytes;
    private final Map<Handle, Long> othersByHandle = new ConcurrentHashMap<>();

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
        Long others = othersByHandle.get(localHandle);
        if (others == null) {
            Path root = ((RootedFileSystem) file.getFileSystem()).getRoot();
            long current = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
            others = UploadAreas.usage(root).bytes() - current;
            othersByHandle.put(localHandle, others);
        }
        if (offset < 0 || others + offset + dataLen > quotaBytes) {
            throw new IOException(SftpErrors.QUOTA + ": your upload area may hold " + quotaBytes
                    + " bytes; remove old uploads or split the job");
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        othersByHandle.remove(localHandle);
    }
}
