package org.pkgforge.controller.sftp;

import java.nio.file.AccessDeniedException;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/**
 * Sends the farm's own refusal reasons ("symbolic links are not allowed", "quota exceeded ...")
 * in the SFTP status message; anything else keeps MINA's generic text, so no host path leaks.
 */
final class SftpErrors implements SftpErrorStatusDataHandler {
    static final String QUOTA = "quota exceeded";

    @Override
    public String resolveErrorMessage(
            SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus, int cmd, Object... args) {
        if (e instanceof AccessDeniedException denied && denied.getReason() != null) {
            return denied.getReason();
        }
        if (e.getMessage() != null && e.getMessage().startsWith(QUOTA)) {
            return e.getMessage();
        }
        return SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e, subStatus, cmd, args);
    }
}
