package org.pkgforge.controller.incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.pkgforge.controller.targets.ArchFilter;
import org.pkgforge.controller.targets.ArchFilter.ArchConstraints;
import org.pkgforge.controller.targets.TargetRules;
import org.pkgforge.protocol.job.BuildOrder;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.ValidatedJob;
import org.pkgforge.protocol.job.ValidatedPackage;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PackageDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.NewJob;
import org.pkgforge.sql.row.PackageRow;
import org.pkgforge.sql.row.Platform;

/**
 * Records a validated job with its packages, one task per target and every skipped target with
 * its reason. Runs inside the caller's transaction, so a job is registered whole or not at all.
 */
final class JobRegistrar {
    /** What was registered. {@code notes} are kept as the job's reason (unknown names ...). */
    record Registration(long jobId, int tasks, int skipped, String notes) {}

    Registration register(Handle h, ValidatedJob job, String submitter) throws Rejection {
        JobManifest m = job.manifest();
        List<Platform> active = h.attach(PlatformDao.class).active();
        TargetRules.Selection selection = TargetRules.select(active, lower(m.platforms()), lower(m.archs()));
        String unknown = selection.unknownNames().isEmpty()
                ? null
                : "unknown platform or arch names ignored: " + String.join(", ", selection.unknownNames());
        if (selection.targets().isEmpty()) {
            String known =
                    String.join(", ", active.stream().map(Platform::label).toList());
            throw new Rejection("no target platform selected by platforms=" + m.platforms() + " archs=" + m.archs()
                    + (unknown != null ? " (" + unknown + ")" : "") + "; active platforms: "
                    + (known.isEmpty() ? "none" : known));
        }
        List<BuildOrder.Member> members = job.packages().stream()
                .map(p -> BuildOrder.Member.of(p.entry().file(), p.info()))
                .toList();
        BuildOrder.Result order = BuildOrder.of(members);
        String notes = join(unknown, order.note(members).orElse(null));
        long jobId = h.attach(JobDao.class)
                .insertUnlessTaken(new NewJob(
                        m.id(),
                        m.bucket(),
                        submitter,
                        "registered",
                        notes,
                        m.platforms(),
                        m.archs(),
                        m.report() == null ? List.of() : m.report(),
                        m.size()))
                // Taken by a registration that committed while this job was validated.
                .orElseThrow(() -> Rejection.idTaken(m.id()));
        PackageDao packages = h.attach(PackageDao.class);
        List<ArchConstraints> constraints = new ArrayList<>();
        for (int seq = 0; seq < job.packages().size(); seq++) {
            ValidatedPackage p = job.packages().get(seq);
            packages.insert(new PackageRow(
                    jobId,
                    seq,
                    p.entry().type(),
                    p.entry().file(),
                    p.entry().size(),
                    p.entry().sha1sum(),
                    p.entry().sha256sum(),
                    p.info().name(),
                    p.info().version(),
                    p.info().release(),
                    p.info().exclusiveArch(),
                    p.info().excludeArch(),
                    p.info().buildRequires(),
                    p.info().provides(),
                    order.order().indexOf(seq)));
            constraints.add(new ArchConstraints(
                    p.entry().file(), p.info().exclusiveArch(), p.info().excludeArch()));
        }
        TaskDao tasks = h.attach(TaskDao.class);
        int registered = 0;
        int skipped = 0;
        for (Platform target : selection.targets()) {
            Optional<String> skip = ArchFilter.skipReason(target.arch(), constraints);
            if (skip.isPresent()) {
                tasks.insertSkipped(jobId, target.id(), skip.get());
                skipped++;
            } else {
                tasks.insert(jobId, target.id());
                registered++;
            }
        }
        return new Registration(jobId, registered, skipped, notes);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }

    private static List<String> lower(List<String> rules) {
        // Keywords are matched exactly as the original; names are compared case-insensitively anyway.
        return rules.stream()
                .map(r -> r.equalsIgnoreCase("all") || r.equalsIgnoreCase("auto") ? r.toLowerCase(Locale.ROOT) : r)
                .toList();
    }
}
