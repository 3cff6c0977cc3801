package org.pkgforge.agent.task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.pkgforge.agent.build.BuildOptions;
import org.pkgforge.agent.build.BuildOutcome;
import org.pkgforge.agent.build.BuildRequest;
import org.pkgforge.agent.build.Builder;
import org.pkgforge.agent.connection.Session;
import org.pkgforge.agent.connection.SessionSource;
import org.pkgforge.agent.logs.AttemptLog;
import org.pkgforge.agent.logs.LogShipper;
import org.pkgforge.protocol.codec.MessageCodec;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.Heartbeat.AttemptRef;
import org.pkgforge.protocol.message.ProductChunk;
import org.pkgforge.protocol.message.ResultAck;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.TaskResult.Outcome;
import org.pkgforge.protocol.message.TaskResult.Product;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt, on its own thread: sources → build → products and result, delivered again after
 * every reconnect until the controller acknowledges the result. The task directory is the
 * attempt's whole state, so it survives connection loss.
 */
final class Attempt {
    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);
    private static final long ACK_POLL_MILLIS = 100;
    private static final String AGENT = "pkgforge-agent: ";

    /** What every attempt of this agent shares. */
    record Context(SessionSource sessions, boolean keepWork, Consumer<Attempt> onDone) {}

    /** The result to deliver and the files behind its products, in the same order. */
    private record Finished(TaskResult result, List<Path> productFiles) {}

    private final TaskAssign assign;
    private final AttemptRef ref;
    private final Path dir;
    private final Context context;
    private final Optional<String> rejection;
    private final Builder builder;
    private final SourceReceiver sources;
    private final AttemptLog log;
    private final LogShipper shipper;
    private final CompletableFuture<ResultAck> resultAck = new CompletableFuture<>();
    private final Thread worker;
    private volatile boolean aborted;

    /**
     * @param rejection why this attempt cannot run here; it then only reports INFRA_FAIL
     * @param builder the builder to use; ignored when rejected
     */
    Attempt(TaskAssign assign, Path dir, Optional<String> rejection, Builder builder, Context context)
            throws IOException {
        this.assign = assign;
        this.ref = new AttemptRef(assign.taskId(), assign.attempt());
        this.dir = dir;
        this.context = context;
        this.rejection = rejection;
        this.builder = builder;
        // A leftover directory of the same attempt (an agent restart) holds nothing we can trust.
        TaskDirs.deleteRecursively(dir);
        Files.createDirectories(dir);
        this.log = new AttemptLog(dir.resolve("build.log"));
        this.shipper = new LogShipper(assign.taskId(), assign.attempt(), log.file());
        this.sources = rejection.isPresent() ? null : new SourceReceiver(dir.resolve("sources"), assign.sources());
        this.worker = new Thread(this::run, "attempt-" + assign.taskId() + "-" + assign.attempt());
    }

    AttemptRef ref() {
        return ref;
    }

    boolean rejected() {
        return rejection.isPresent();
    }

    LogShipper shipper() {
        return shipper;
    }

    void start() {
        worker.start();
    }

    void sourceChunk(SourceChunk chunk) {
        if (sources != null) {
            sources.write(chunk);
        }
    }

    void resultAck(ResultAck ack) {
        resultAck.complete(ack);
    }

    /**
     * True once the controller has acknowledged the result or aborted the attempt: from then on it
     * counts the slot as free and may assign the next task before this attempt has cleaned up.
     */
    boolean releasedByController() {
        return resultAck.isDone() || aborted;
    }

    /** The controller gave up on this attempt: kill the build, delete everything, report nothing. */
    void abort(String reason) {
        LOG.info("Task {} attempt {}: aborting ({})", ref.taskId(), ref.attempt(), reason);
        aborted = true;
        worker.interrupt();
    }

    /** The agent is shutting down: kill the build but keep the directory. */
    void stop() {
        worker.interrupt();
    }

    void join(long millis) throws InterruptedException {
        worker.join(millis);
    }

    private void run() {
        boolean delete = false;
        try {
            deliver(buildAndCollect());
            delete = !context.keepWork();
        } catch (InterruptedException e) {
            delete = aborted;
            LOG.info("Task {} attempt {}: stopped{}", ref.taskId(), ref.attempt(), aborted ? "" : "; keeping " + dir);
        } finally {
            shipper.close();
            if (sources != null) {
                sources.close();
            }
            if (delete) {
                Thread.interrupted(); // the cleanup itself must not be cut short
                deleteDir();
            }
            context.onDone().accept(this);
        }
    }

    private Finished buildAndCollect() throws InterruptedException {
        BuildOutcome outcome;
        try {
            outcome = runBuild();
        } catch (IOException e) {
            checkAborted();
            LOG.warn("Task {} attempt {}: build could not run", ref.taskId(), ref.attempt(), e);
            outcome = BuildOutcome.infraFail("agent could not run the build: " + e.getMessage());
        }
        List<Product> products = List.of();
        if (outcome.outcome() == Outcome.SUCCESS) {
            try {
                products = describe(outcome.products());
            } catch (IOException e) {
                checkAborted();
                outcome = BuildOutcome.infraFail("agent could not read the products: " + e.getMessage());
            }
        }
        long logSize = closeLog(outcome);
        LOG.info("Task {} attempt {}: {}", ref.taskId(), ref.attempt(), verdict(outcome));
        return new Finished(
                new TaskResult(ref.taskId(), ref.attempt(), outcome.outcome(), outcome.reason(), products, logSize),
                products.isEmpty() ? List.of() : outcome.products());
    }

    private BuildOutcome runBuild() throws IOException, InterruptedException {
        if (rejection.isPresent()) {
            return BuildOutcome.infraFail(rejection.get());
        }
        Optional<String> problem = sources.awaitVerified();
        if (problem.isPresent()) {
            return BuildOutcome.infraFail(problem.get());
        }
        // Informational: while disconnected, the heartbeats tell the controller the attempt lives.
        context.sessions().current().ifPresent(s -> s.trySend(new BuildStarted(ref.taskId(), ref.attempt())));
        log.line(AGENT + "task " + ref.taskId() + " attempt " + ref.attempt() + ": " + builder.name() + " for "
                + assign.platform() + "/" + assign.arch());
        BuildOptions options;
        try {
            options = BuildOptions.parse(assign.options());
        } catch (IllegalArgumentException e) {
            return BuildOutcome.infraFail(e.getMessage());
        }
        return builder.build(new BuildRequest(dir, sources.paths(), assign.platform(), assign.arch(), options), log);
    }

    private List<Product> describe(List<Path> files) throws IOException {
        List<Product> products = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!names.add(name)) {
                throw new IOException("two products are named " + name);
            }
            Checksums.FileDigest digest = Checksums.digest(file);
            products.add(new Product(name, digest.size(), digest.sha256()));
        }
        return products;
    }

    /** Writes the verdict as the log's last line and freezes its size. */
    private long closeLog(BuildOutcome outcome) throws InterruptedException {
        try {
            log.line(AGENT + verdict(outcome));
        } catch (IOException e) {
            checkAborted();
            LOG.warn("Task {} attempt {}: cannot finish the log: {}", ref.taskId(), ref.attempt(), e.toString());
        }
        long size;
        try {
            size = log.size();
        } catch (IOException e) {
            checkAborted();
            size = 0;
        }
        shipper.finish(size);
        return size;
    }

    private static String verdict(BuildOutcome outcome) {
        return outcome.outcome() + (outcome.reason().isEmpty() ? "" : ": " + outcome.reason());
    }

    /** Log, products, result, in that order on one session; again on the next if it drops. */
    private void deliver(Finished finished) throws InterruptedException {
        Finished current = finished;
        while (true) {
            Session session = context.sessions().await();
            if (!shipper.awaitDrained(session)) {
                continue;
            }
            try {
                if (!sendProducts(session, current)) {
                    continue;
                }
            } catch (IOException e) {
                checkAborted();
                TaskResult failed = new TaskResult(
                        ref.taskId(),
                        ref.attempt(),
                        Outcome.INFRA_FAIL,
                        "agent could not read a product: " + e.getMessage(),
                        List.of(),
                        current.result().logSize());
                current = new Finished(failed, List.of());
                continue;
            }
            if (!session.send(current.result())) {
                continue;
            }
            Optional<ResultAck> ack = awaitAck(session);
            if (ack.isPresent()) {
                if (ack.get().accepted()) {
                    LOG.info("Task {} attempt {}: result stored", ref.taskId(), ref.attempt());
                } else {
                    LOG.warn(
                            "Task {} attempt {}: controller refused the result: {}",
                            ref.taskId(),
                            ref.attempt(),
                            ack.get().reason());
                }
                return;
            }
        }
    }

    private boolean sendProducts(Session session, Finished finished) throws IOException, InterruptedException {
        for (int i = 0; i < finished.productFiles().size(); i++) {
            String name = finished.result().products().get(i).file();
            try (FileChannel channel = FileChannel.open(finished.productFiles().get(i), StandardOpenOption.READ)) {
                if (channel.size() == 0) {
                    // An empty product still needs one chunk, or the controller never sees the file.
                    if (!session.send(new ProductChunk(ref.taskId(), ref.attempt(), name, 0, new byte[0]))) {
                        return false;
                    }
                    continue;
                }
                ByteBuffer buffer = ByteBuffer.allocate(MessageCodec.MAX_CHUNK);
                long offset = 0;
                for (int read; (read = channel.read(buffer.clear(), offset)) > 0; offset += read) {
                    byte[] data = Arrays.copyOf(buffer.array(), read);
                    if (!session.send(new ProductChunk(ref.taskId(), ref.attempt(), name, offset, data))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private Optional<ResultAck> awaitAck(Session session) throws InterruptedException {
        while (true) {
            try {
                return Optional.of(resultAck.get(ACK_POLL_MILLIS, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (!session.isOpen()) {
                    return Optional.empty();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("result acknowledgement never fails", e);
            }
        }
    }

    private void checkAborted() throws InterruptedException {
        if (aborted || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("attempt stopped");
        }
    }

    private void deleteDir() {
        try {
            TaskDirs.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Task {} attempt {}: cannot delete {}: {}", ref.taskId(), ref.attempt(), dir, e.toString());
        }
    }
}
