package org.pkgforge.controller.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.files.Trees;
import org.pkgforge.controller.metrics.FarmMetrics;
import org.pkgforge.controller.publish.PublishService;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.LogAck;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.ProductChunk;
import org.pkgforge.protocol.message.ResultAck;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.TaskResult.Outcome;
import org.pkgforge.protocol.message.TaskResult.Product;
import org.pkgforge.protocol.message.TaskScoped;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.ClaimedTask;
import org.pkgforge.sql.row.TaskDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the controller does with an agent's messages about an attempt. Every message is checked
 * against the registry first: a stale attempt's log, product or result changes nothing and the
 * agent is told to abort. Products count only after their size and SHA-256 match the result.
 */
final class AttemptReceiver {
    private static final Logger log = LoggerFactory.getLogger(AttemptReceiver.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Jdbi jdbi;
    private final ResultStore results;
    // Job, bucket and target never change for a task; only "is this attempt current" must be asked each time.
    private final Map<Long, TaskDetail> details = new java.util.concurrent.ConcurrentHashMap<>();
    private final PublishService publisher;

    private final FarmMetrics metrics;

    AttemptReceiver(Jdbi jdbi, ResultStore results, PublishService publisher, FarmMetrics metrics) {
        this.jdbi = jdbi;
        this.results = results;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Returns the task when the attempt is current; otherwise tells the agent to abort it. */
    private Optional<TaskDetail> current(AgentSession session, TaskScoped m) {
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        if (tasks.isCurrent(m.taskId(), m.attempt())) {
            TaskDetail cached = details.get(m.taskId());
            if (cached != null) {
                return Optional.of(cached);
            }
            Optional<TaskDetail> detail = tasks.detail(m.taskId());
            detail.ifPresent(d -> details.put(m.taskId(), d));
            return detail;
        }
        ClaimedTask attempt = new ClaimedTask(m.taskId(), m.attempt());
        if (session.abortOnce(attempt, "attempt " + m.attempt() + " is no longer current")) {
            log.warn("agent {}: stale attempt {} of task {} refused", session.name(), m.attempt(), m.taskId());
        } else {
            log.debug("agent {}: stale attempt {} of task {} refused again", session.name(), m.attempt(), m.taskId());
        }
        return Optional.empty();
    }

    void started(AgentSession session, BuildStarted m) {
        if (current(session, m).isPresent()) {
            jdbi.onDemand(TaskDao.class).markStarted(m.taskId(), m.attempt());
        }
    }

    void log(AgentSession session, LogChunk m) throws IOException {
        Optional<TaskDetail> task = current(session, m);
        if (task.isEmpty()) {
            return;
        }
        Path file = results.logFile(task.get().jobUuid(), task.get().target());
        ResultStore.Appended stored = ResultStore.appendAt(file, m.offset(), m.data());
        // Only bytes newly stored: a resend after a reconnect is not counted twice.
        metrics.logBytes(stored.written());
        if (stored.written() > 0) {
            results.logGrew();
        }
        session.send(new LogAck(m.taskId(), m.attempt(), stored.size()));
    }

    /**
     * After a reconnect: tells the agent how much of the attempt's log is stored, so it resumes
     * exactly there.
     */
    void resumeLog(AgentSession session, ClaimedTask attempt) throws IOException {
        Optional<TaskDetail> task = current(
                session, new org.pkgforge.protocol.message.Heartbeat.AttemptRef(attempt.taskId(), attempt.attempt()));
        if (task.isEmpty()) {
            return;
        }
        Path file = results.logFile(task.get().jobUuid(), task.get().target());
        long size = Files.exists(file) ? Files.size(file) : 0;
        session.send(new LogAck(attempt.taskId(), attempt.attempt(), size));
    }

    void product(AgentSession session, ProductChunk m) throws IOException {
        Optional<TaskDetail> task = current(session, m);
        if (task.isEmpty()) {
            return;
        }
        if (!ResultStore.isBareName(m.file())) {
            session.send(new Abort(m.taskId(), m.attempt(), "product name refused: " + m.file()));
            return;
        }
        Path staging = results.stagingDir(task.get().jobUuid(), task.get().target(), m.attempt());
        Files.createDirectories(staging);
        Path file = staging.resolve(m.file());
        if (m.offset() == 0) {
            Files.deleteIfExists(file);
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        ResultStore.appendAt(file, m.offset(), m.data());
    }

    /** Returns true when the agent's slot is free again. */
    boolean result(AgentSession session, TaskResult m) throws IOException {
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        Optional<String> recorded = tasks.outcomeOf(m.taskId(), m.attempt());
        if (recorded.isPresent()) {
            // Redelivered after a reconnect: already stored, acknowledge again.
            boolean same = recorded.get().equals(outcomeName(m.outcome()));
            session.send(new ResultAck(m.taskId(), m.attempt(), same, same ? null : "attempt already ended"));
            return session.running().remove(new ClaimedTask(m.taskId(), m.attempt()));
        }
        Optional<TaskDetail> task = current(session, m);
        if (task.isEmpty()) {
            session.send(new ResultAck(m.taskId(), m.attempt(), false, "stale attempt"));
            return true;
        }
        TaskDetail t = task.get();
        Outcome outcome = m.outcome();
        String reason = m.reason() == null || m.reason().isBlank() ? null : m.reason();
        Path staging = results.stagingDir(t.jobUuid(), t.target(), m.attempt());
        Optional<String> problem = verify(staging, m.products());
        if (problem.isPresent() && outcome == Outcome.SUCCESS) {
            outcome = Outcome.INFRA_FAIL;
            reason = problem.get();
        }
        Path dir = results.targetDir(t.jobUuid(), t.target());
        if (outcome == Outcome.SUCCESS) {
            for (Product p : m.products()) {
                Files.move(staging.resolve(p.file()), dir.resolve(p.file()), StandardCopyOption.REPLACE_EXISTING);
                tasks.recordArtifact(m.taskId(), m.attempt(), p.file(), p.size(), p.sha256());
            }
        }
        Trees.deleteRecursively(staging);
        tasks.setLogBytes(m.taskId(), m.attempt(), m.logSize());
        writeBuildInfo(dir, t, session.name(), m.attempt(), outcome, reason, m.products());
        boolean stored = tasks.finish(m.taskId(), m.attempt(), outcomeName(outcome), reason);
        session.send(new ResultAck(m.taskId(), m.attempt(), stored, stored ? null : "stale attempt"));
        session.running().remove(new ClaimedTask(m.taskId(), m.attempt()));
        log.info(
                "job {} {} attempt {} on {}: {}{}",
                t.jobUuid(),
                t.target(),
                m.attempt(),
                session.name(),
                outcome,
                reason == null ? "" : " (" + reason + ")");
        if (stored && outcome == Outcome.SUCCESS) {
            publisher.publishLater(m.taskId());
        }
        return true;
    }

    private static Optional<String> verify(Path staging, List<Product> products) throws IOException {
        for (Product p : products) {
            if (!ResultStore.isBareName(p.file())) {
                return Optional.of("product name refused: " + p.file());
            }
            Path f = staging.resolve(p.file());
            if (!ResultStore.isRegularFile(f)) {
                return Optional.of("product " + p.file() + " did not arrive");
            }
            if (Files.size(f) != p.size() || !Checksums.sha256Hex(f).equals(p.sha256())) {
                return Optional.of("product " + p.file() + " arrived damaged (size or sha256 mismatch)");
            }
        }
        return Optional.empty();
    }

    private static String outcomeName(Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }

    private static void writeBuildInfo(
            Path dir, TaskDetail t, String agent, int attempt, Outcome outcome, String reason, List<Product> products)
            throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("job", t.jobUuid());
        info.put("bucket", t.bucket());
        info.put("platform", t.platform());
        info.put("arch", t.arch());
        info.put("attempt", attempt);
        info.put("agent", agent);
        info.put("outcome", outcomeName(outcome));
        info.put("reason", reason);
        info.put("finished", Instant.now().toString());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Product p : products) {
            list.add(Map.of("file", p.file(), "size", p.size(), "sha256", p.sha256()));
        }
        info.put("products", outcome == Outcome.SUCCESS ? list : List.of());
        Files.createDirectories(dir);
        new ObjectMapper(new YAMLFactory())
                .writeValue(dir.resolve("buildinfo.yml").toFile(), info);
    }
}
