package org.pkgforge.agent.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pkgforge.agent.build.Builder;
import org.pkgforge.agent.build.Builders;
import org.pkgforge.agent.connection.ControllerListener;
import org.pkgforge.agent.connection.Session;
import org.pkgforge.agent.connection.SessionSource;
import org.pkgforge.agent.logs.LogPump;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Heartbeat.AttemptRef;
import org.pkgforge.protocol.message.LogAck;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.ResultAck;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.TaskScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The attempts on this agent, and the routing of the controller's task messages to them. */
public final class Attempts implements ControllerListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);
    private static final long STOP_MILLIS = 5_000;

    /** How many attempts may build at once, where they live, and whether to keep their files. */
    public record Settings(Path workDir, int slots, boolean keepWork) {}

    private final Settings settings;
    private final Builders builders;
    private final LogPump pump;
    private final Attempt.Context context;
    private final Map<AttemptRef, Attempt> attempts = new ConcurrentHashMap<>();

    public Attempts(Settings settings, Builders builders, LogPump pump, SessionSource sessions) {
        this.settings = settings;
        this.builders = builders;
        this.pump = pump;
        this.context = new Attempt.Context(sessions, settings.keepWork(), this::done);
    }

    /**
     * Deletes task directories a previous run left behind. Their results cannot be delivered any
     * more (the controller reassigns those tasks when their leases expire), so they only fill the
     * disk.
     */
    public void removeLeftovers() throws IOException {
        Path tasks = settings.workDir().resolve("tasks");
        if (settings.keepWork() || !Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> leftovers = Files.list(tasks)) {
            for (Path dir : leftovers.toList()) {
                LOG.info("Removing leftover task directory {}", dir);
                TaskDirs.deleteRecursively(dir);
            }
        }
    }

    @Override
    public void connected(Session session) {
        attempts.values().forEach(a -> a.shipper().attach(session, true));
    }

    @Override
    public void disconnected(Session session) {
        attempts.values().forEach(a -> a.shipper().detach(session));
    }

    @Override
    public List<AttemptRef> running() {
        return attempts.keySet().stream()
                .sorted(Comparator.comparingLong(AttemptRef::taskId).thenComparingInt(AttemptRef::attempt))
                .toList();
    }

    @Override
    public void received(Session session, Message message) {
        if (message instanceof TaskAssign assign) {
            assign(session, assign);
        } else if (message instanceof SourceChunk chunk) {
            find(chunk).ifPresent(a -> a.sourceChunk(chunk));
        } else if (message instanceof LogAck ack) {
            find(ack).ifPresent(a -> a.shipper().acknowledged(session, ack.offset()));
        } else if (message instanceof ResultAck ack) {
            find(ack).ifPresent(a -> a.resultAck(ack));
        } else if (message instanceof Abort abort) {
            find(abort).ifPresent(a -> a.abort(abort.reason()));
        } else if (message instanceof Heartbeat) {
            // The controller answers a heartbeat after acting on it: any LogAck telling an
            // attempt where to resume has arrived by now.
            attempts.values().forEach(a -> a.shipper().resyncDone(session));
        } else {
            LOG.warn(
                    "Ignoring unexpected {} from the controller",
                    message.getClass().getSimpleName());
        }
    }

    private void assign(Session session, TaskAssign assign) {
        AttemptRef ref = new AttemptRef(assign.taskId(), assign.attempt());
        if (attempts.containsKey(ref)) {
            // A controller may resend the assignment after a reconnect; the attempt goes on.
            LOG.info("Task {} attempt {} is already here", ref.taskId(), ref.attempt());
            return;
        }
        Optional<Builder> builder = builders.byName(assign.builder());
        Optional<String> rejection = rejection(assign, builder);
        Path dir = TaskDirs.of(settings.workDir(), ref.taskId(), ref.attempt());
        Attempt attempt;
        try {
            attempt = new Attempt(assign, dir, rejection, builder.orElse(null), context);
        } catch (IOException e) {
            LOG.error("Task {} attempt {}: cannot prepare {}", ref.taskId(), ref.attempt(), dir, e);
            session.trySend(new TaskResult(
                    ref.taskId(),
                    ref.attempt(),
                    TaskResult.Outcome.INFRA_FAIL,
                    "agent cannot prepare its task directory: " + e.getMessage(),
                    List.of(),
                    0));
            return;
        }
        LOG.info(
                "Task {} attempt {}: assigned ({} sources, builder {}){}",
                ref.taskId(),
                ref.attempt(),
                assign.sources().size(),
                assign.builder(),
                rejection.map(r -> "; refusing: " + r).orElse(""));
        attempts.put(ref, attempt);
        attempt.shipper().attach(session, false);
        pump.register(attempt.shipper());
        attempt.start();
    }

    private Optional<String> rejection(TaskAssign assign, Optional<Builder> builder) {
        if (builder.isEmpty()) {
            return Optional.of("this agent has no builder '" + assign.builder() + "' (it has: "
                    + String.join(", ", builders.names()) + ")");
        }
        long busy = attempts.values().stream()
                .filter(a -> !a.rejected() && !a.releasedByController())
                .count();
        if (busy >= settings.slots()) {
            return Optional.of("this agent has no free slot (" + busy + " of " + settings.slots() + " busy)");
        }
        return SourceReceiver.problemWith(assign.sources());
    }

    private Optional<Attempt> find(TaskScoped message) {
        Attempt attempt = attempts.get(new AttemptRef(message.taskId(), message.attempt()));
        if (attempt == null) {
            LOG.debug(
                    "Ignoring {} for task {} attempt {}, which is not here",
                    message.getClass().getSimpleName(),
                    message.taskId(),
                    message.attempt());
        }
        return Optional.ofNullable(attempt);
    }

    private void done(Attempt attempt) {
        pump.unregister(attempt.shipper());
        attempts.remove(attempt.ref(), attempt);
    }

    /** Stops every build (killing its processes) and keeps the directories. */
    @Override
    public void close() {
        List<Attempt> all = List.copyOf(attempts.values());
        all.forEach(Attempt::stop);
        for (Attempt attempt : all) {
            try {
                attempt.join(STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
