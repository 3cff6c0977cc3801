package org.pkgforge.webapp.actions;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Web uploads, through the same upload area, limits, validation and intake as SFTP. A form is
 * streamed into a {@link Draft} file by file and then committed; a draft not committed is
 * discarded when closed.
 */
public interface Submissions {
    /** The job options of the form; null or empty lists mean the defaults. */
    record JobOptions(String id, String bucket, List<String> platforms, List<String> archs, List<String> report) {}

    /** Starts a draft in {@code user}'s upload area. */
    Draft begin(WebUser user) throws Refused;

    /** The largest request body an upload may have (the quota, plus room for the form). */
    long maxRequestBytes();

    /** One upload on its way into the user's area. */
    interface Draft extends AutoCloseable {
        /** Starts the next file; its name is checked as an SFTP name is. */
        void beginFile(String name) throws Refused;

        /** Appends to the current file; refused past the user's quota. */
        void write(ByteBuffer data) throws Refused;

        /** Writes build.yml and commits the job; returns its id once it is registered. */
        String commit(JobOptions options) throws Refused;

        /** Removes whatever was not committed. */
        @Override
        void close();
    }

    /** Accepts nothing: a read-only web UI. */
    Submissions NONE = new Submissions() {
        @Override
        public Draft begin(WebUser user) throws Refused {
            throw new Refused(Refused.Kind.FORBIDDEN, "this farm takes no web uploads");
        }

        @Override
        public long maxRequestBytes() {
            return 0;
        }
    };
}
