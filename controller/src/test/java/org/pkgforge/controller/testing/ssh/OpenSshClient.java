package org.pkgforge.controller.testing.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real OpenSSH client binaries ({@code ssh}, {@code sftp}) with one identity and one pinned
 * known_hosts file and no user configuration, run bounded: the reference client tests compare with.
 */
public final class OpenSshClient {
    private static final AtomicInteger runs = new AtomicInteger();

    private final Path dir;
    private final Path identity;
    private final Path knownHosts;

    /** Output of one client run; stdout and stderr are kept apart so assertions can name either. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + ", stdout [" + stdout.strip() + "], stderr [" + stderr.strip() + "]";
        }
    }

    /** A client that logs in with {@code identity} and trusts only the given known_hosts lines. */
    public OpenSshClient(Path dir, Path identity, List<String> knownHostsLines) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.identity = identity;
        this.knownHosts = dir.resolve("known_hosts");
        Files.write(knownHosts, knownHostsLines, StandardCharsets.UTF_8);
    }

    /** {@code ssh -p PORT USER@127.0.0.1 COMMAND} with {@code stdin} fed to the remote command. */
    public Result ssh(int port, String user, String stdin, Duration timeout, List<String> extraOptions, String command)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(commonOptions());
        cmd.addAll(List.of("-p", Integer.toString(port)));
        cmd.addAll(extraOptions);
        cmd.addAll(List.of(user + "@127.0.0.1", command));
        return run(cmd, stdin, timeout);
    }

    /** {@code sftp -b BATCH -P PORT USER@127.0.0.1}: each batch line is one sftp command. */
    public Result sftp(int port, String user, List<String> batch, Duration timeout) throws IOException {
        Path batchFile = dir.resolve("sftp-batch-" + runs.incrementAndGet());
        Files.write(batchFile, batch, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of("sftp"));
        cmd.addAll(commonOptions());
        cmd.addAll(List.of("-b", batchFile.toString(), "-P", Integer.toString(port), user + "@127.0.0.1"));
        return run(cmd, "", timeout);
    }

    /** Starts {@code ssh} without waiting, for tests that cut the connection under it. */
    public Process startSsh(int port, String user, List<String> extraOptions, String command) throws IOException {
        int n = runs.incrementAndGet();
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(commonOptions());
        cmd.addAll(List.of("-p", Integer.toString(port)));
        cmd.addAll(extraOptions);
        cmd.addAll(List.of(user + "@127.0.0.1", command));
        return new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("run-" + n + ".out").toFile())
                .redirectError(dir.resolve("run-" + n + ".err").toFile())
                .start();
    }

    private List<String> commonOptions() {
        return List.of(
                "-F", "/dev/null",
                "-i", identity.toString(),
                "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none",
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null");
    }

    /** Runs to completion within {@code timeout} (killed and reported otherwise), output via files. */
    private Result run(List<String> cmd, String stdin, Duration timeout) throws IOException {
        int n = runs.incrementAndGet();
        Path in = dir.resolve("run-" + n + ".in");
        Path out = dir.resolve("run-" + n + ".out");
        Path err = dir.resolve("run-" + n + ".err");
        Files.writeString(in, stdin, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(cmd)
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(cmd.get(0) + " did not finish within " + timeout + ": " + String.join(" ", cmd)
                        + "\nstderr: " + Files.readString(err));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + cmd.get(0), e);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
