package org.pkgforge.controller.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.controller.uploads.SubmissionService;
import org.pkgforge.controller.uploads.UploadAreas;
import org.pkgforge.controller.uploads.UploadPaths;
import org.pkgforge.protocol.job.JobFormatException;
import org.pkgforge.protocol.job.JobIds;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobPackager;
import org.pkgforge.protocol.job.ManifestCodec;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.Submissions;
import org.pkgforge.webapp.actions.WebUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web upload form's way in: the files stream into a hidden draft directory of the user's SFTP
 * upload area under the same name rules, quota and file limit as SFTP; then the draft is renamed
 * to the job id, gets its build.yml exactly as {@code pkgforge submit} writes it, and is committed
 * by the {@link SubmissionService}, as an SFTP upload is. A draft left by a crash is removed by the
 * upload collector like any abandoned upload.
 */
public final class WebSubmissions implements Submissions {
    private static final Logger log = LoggerFactory.getLogger(WebSubmissions.class);
    private static final String DRAFT_PREFIX = ".web-";
    private static final String MANIFEST = "build.yml";
    /** Room for the form's own fields and part headers. */
    private static final long FORM_OVERHEAD = 1024 * 1024;

    private final SecureRandom random = new SecureRandom();
    private final UploadAreas areas;
    private final SftpConfig limits;
    private final SubmissionService service;

    public WebSubmissions(UploadAreas areas, SftpConfig limits, SubmissionService service) {
        this.areas = areas;
        this.limits = limits;
        this.service = service;
    }

    @Override
    public long maxRequestBytes() {
        return limits.quotaBytes() + FORM_OVERHEAD;
    }

    @Override
    public Draft begin(WebUser user) throws Refused {
        try {
            Path root = areas.rootOf(user.name());
            UploadAreas.Usage usage = UploadAreas.usage(root);
            byte[] name = new byte[8];
            random.nextBytes(name);
            Path dir = Files.createDirectory(
                    root.resolve(DRAFT_PREFIX + HexFormat.of().formatHex(name)));
            return new WebDraft(user.name(), root, dir, usage);
        } catch (IOException e) {
            log.error("cannot start a web upload for {}", user.name(), e);
            throw new Refused(Refused.Kind.CONFLICT, "cannot start the upload: " + e.getMessage(), e);
        }
    }

    private final class WebDraft implements Draft {
        private final String user;
        private final Path root;
        private final UploadAreas.Usage usage;
        private final List<String> names = new ArrayList<>();
        private Path dir;
        private FileChannel current;
        private long written;
        private boolean committed;

        WebDraft(String user, Path root, Path dir, UploadAreas.Usage usage) {
            this.user = user;
            this.root = root;
            this.dir = dir;
            this.usage = usage;
        }

        @Override
        public void beginFile(String name) throws Refused {
            closeCurrent();
            checkName(name);
            if (names.contains(name)) {
                throw invalid("file " + printable(name) + " is given twice; file names must be unique");
            }
            // build.yml counts as a file too.
            if (usage.files() + names.size() + 2 > limits.maxFiles()) {
                throw new Refused(
                        Refused.Kind.TOO_LARGE, "at most " + limits.maxFiles() + " files in your upload area");
            }
            try {
                Path file = dir.resolve(name);
                UploadPaths.checkOnDisk(root, file);
                current = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                names.add(name);
            } catch (IOException e) {
                throw refused(e);
            }
        }

        @Override
        public void write(ByteBuffer data) throws Refused {
            if (current == null) {
                throw invalid("data outside a file");
            }
            written += data.remaining();
            if (usage.bytes() + written > limits.quotaBytes()) {
                throw new Refused(
                        Refused.Kind.TOO_LARGE,
                        "your upload area may hold " + limits.quotaBytes()
                                + " bytes; remove old uploads or split the job");
            }
            try {
                while (data.hasRemaining()) {
                    current.write(data);
                }
            } catch (IOException e) {
                throw refused(e);
            }
        }

        @Override
        public String commit(JobOptions options) throws Refused {
            closeCurrent();
            if (names.isEmpty()) {
                throw invalid("choose at least one source package");
            }
            String id = options.id() != null ? options.id() : JobIds.generate();
            try {
                JobIds.check(id);
                Path job = root.resolve(id);
                if (Files.exists(job)) {
                    throw new Refused(
                            Refused.Kind.CONFLICT,
                            "your upload area already holds an upload named " + id + "; commit or remove it first");
                }
                Files.move(dir, job, StandardCopyOption.ATOMIC_MOVE);
                dir = job;
                JobManifest manifest = JobPackager.describe(
                        id,
                        options.bucket(),
                        options.platforms(),
                        options.archs(),
                        options.report(),
                        names.stream().map(job::resolve).toList(),
                        user);
                ManifestCodec.write(manifest, job.resolve(MANIFEST));
                String jobId = service.commit(user, root, id).jobId();
                committed = true;
                return jobId;
            } catch (JobFormatException e) {
                throw invalid(e.reason());
            } catch (Failure f) {
                throw Refusals.of(f);
            } catch (IOException e) {
                throw refused(e);
            }
        }

        @Override
        public void close() {
            try {
                closeCurrent();
            } catch (Refused e) {
                log.warn("web upload of {}: {}", user, e.getMessage());
            }
            if (!committed) {
                try {
                    if (Files.exists(dir)) {
                        Trees.deleteRecursively(dir);
                    }
                } catch (IOException e) {
                    log.warn("cannot remove web upload {}: {}", dir, e.toString());
                }
            }
        }

        private void closeCurrent() throws Refused {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException e) {
                    throw refused(e);
                } finally {
                    current = null;
                }
            }
        }
    }

    /** The SFTP rules for one file of an upload, plus: a bare name, and not the manifest's. */
    private static void checkName(String name) throws Refused {
        if (name.indexOf('/') >= 0) {
            throw invalid("file " + printable(name) + ": must be a bare file name, without a directory");
        }
        if (name.startsWith(".") || name.equals(MANIFEST)) {
            throw invalid("file " + printable(name) + ": must not start with '.' or be named " + MANIFEST);
        }
        try {
            UploadPaths.checkName(name);
        } catch (AccessDeniedException e) {
            throw invalid("file " + printable(name) + ": " + e.getReason());
        }
    }

    private static Refused refused(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return invalid("upload refused: " + printable(denied.getFile()) + ": " + denied.getReason());
        }
        log.error("web upload failed", e);
        return new Refused(Refused.Kind.CONFLICT, "the upload failed: " + e.getMessage(), e);
    }

    private static Refused invalid(String message) {
        return new Refused(Refused.Kind.INVALID, message);
    }

    private static String printable(String s) {
        String plain = s.replaceAll("\\p{Cntrl}", "?");
        return "'" + (plain.length() > 64 ? plain.substring(0, 64) + "..." : plain) + "'";
    }
}
