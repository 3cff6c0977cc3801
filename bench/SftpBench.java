// Benchmark: 50 concurrent SFTP submissions of a ~10 MB job to the farm's embedded server, and
// the same uploads with OpenSSH's sftp client, to the farm and to OpenSSH's own sftp-server, in
// the same run. Not part of the test suite. Run with bench/run-sftp.sh [CLIENTS]; see docs/benchmarks.md.
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.protocol.job.JobManifest;
import org.pkgforge.protocol.job.JobPackager;
import org.pkgforge.protocol.job.ManifestCodec;
import org.pkgforge.sql.dao.PlatformDao;

public class SftpBench {
    public static void main(String[] args) {
        // Exits either way: a failed run must not leave client threads (and the JVM) behind.
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = Files.createTempDirectory("pkgforge-sftp-bench");
        try {
            measure(clients, work);
        } finally {
            // Three copies of every upload (about 1.6 GB for 50 clients): not kept between runs.
            org.pkgforge.controller.files.Trees.deleteRecursively(work);
        }
    }

    static void measure(int clients, Path work) throws Exception {
        Path srpm = bigSrpm(work.resolve("srpm"));
        long size = Files.size(srpm);
        String arch = sh(List.of("rpm", "--eval", "%{_arch}"), work).strip();
        Path key = work.resolve("id_ed25519");
        sh(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), work);

        ControllerConfig config = ControllerConfig.defaults(work.resolve("state"))
                .withWebPort(0)
                .withSftp(SftpConfig.disabled().enabledOn("127.0.0.1", 0).withLimits(8L << 30, 10_000, 16));
        try (Farm farm = Farm.start(config)) {
            PlatformDao p = farm.jdbi().onDemand(PlatformDao.class);
            p.add("el9", arch);
            p.activate("el9", arch);
            p.setAuto("el9", arch);
            new UserService(farm.jdbi()).addUser("bench", false, PublicKeys.fromArgument(key + ".pub"));
            var server = farm.submissionServer().orElseThrow();
            int port = server.port();
            Path knownHosts = work.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(server.hostKey()) + "\n");

            // 1. The farm's own client path (MINA SFTP upload, then the commit command), concurrently.
            SshClient client = SshClient.setUpDefaultClient();
            client.start();
            List<Path> jobs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                JobManifest m = JobPackager.describe("bench-" + i, "devel", List.of("auto"), List.of(), List.of(), List.of(srpm), "bench");
                Path yml = work.resolve("build-" + i + ".yml");
                ManifestCodec.write(m, yml);
                jobs.add(yml);
            }
            List<double[]> results = Collections.synchronizedList(new ArrayList<>());
            long t0 = System.nanoTime();
            runAll(clients, i -> {
                long start = System.nanoTime();
                try (ClientSession s = client.connect("bench", "127.0.0.1", port).verify(Duration.ofSeconds(60)).getSession()) {
                    for (KeyPair kp : new FileKeyPairProvider(key).loadKeys(null)) {
                        s.addPublicKeyIdentity(kp);
                    }
                    s.auth().verify(Duration.ofSeconds(60));
                    String id = "bench-" + i;
                    try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
                        sftp.mkdir(id);
                        copy(srpm, sftp, id + "/" + srpm.getFileName());
                        copy(jobs.get(i), sftp, id + "/build.yml");
                    }
                    long uploaded = System.nanoTime();
                    String out = s.executeRemoteCommand("pkgforge-submit-commit " + id);
                    long receipt = System.nanoTime();
                    if (!out.strip().equals(id)) {
                        throw new IllegalStateException("unexpected receipt " + out);
                    }
                    results.add(new double[] {ms(uploaded - start), ms(receipt - uploaded), ms(receipt - start)});
                }
                return null;
            });
            double wall = ms(System.nanoTime() - t0);
            client.stop();
            List<Double> receipt = results.stream().map(r -> r[1]).sorted().toList();
            List<Double> total = results.stream().map(r -> r[2]).sorted().toList();
            System.out.printf("MINA client -> farm: %d jobs of %.1f MB in %.0f ms: %.2f jobs/s, %.1f MiB/s aggregate%n",
                    clients, size / 1e6, wall, clients / (wall / 1000), clients * size / (wall / 1000) / (1 << 20));
            System.out.printf("  upload end -> receipt p50 %.0f ms, p99 %.0f ms; submit -> receipt p50 %.0f ms, p99 %.0f ms%n",
                    pct(receipt, 50), pct(receipt, 99), pct(total, 50), pct(total, 99));

            // 2. OpenSSH sftp clients -> the farm (upload only), concurrently.
            double farmOpenSsh = openSshUploads(clients, work, srpm, key, knownHosts, "bench", port, "up-");
            System.out.printf("OpenSSH sftp -> farm (MINA): %d uploads in %.0f ms: %.1f MiB/s aggregate%n",
                    clients, farmOpenSsh, clients * size / (farmOpenSsh / 1000) / (1 << 20));
        }

        // 3. OpenSSH sftp clients -> OpenSSH's sftp-server, same machine, same run.
        Process sshd = startSshd(work, key);
        try {
            Path knownHosts = work.resolve("sshd_known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + SSHD_PORT + " " + Files.readString(work.resolve("sshd/host.pub")));
            Path dest = Files.createDirectories(work.resolve("sshd-dest"));
            double openssh = openSshUploads(clients, work, srpm, key, knownHosts, System.getProperty("user.name"), SSHD_PORT, dest + "/up-");
            System.out.printf("OpenSSH sftp -> OpenSSH sftp-server: %d uploads in %.0f ms: %.1f MiB/s aggregate%n",
                    clients, openssh, clients * size / (openssh / 1000) / (1 << 20));
        } finally {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static final int SSHD_PORT = 22_422;

    interface Task {
        Void call(int i) throws Exception;
    }

    static void runAll(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit((Callable<Void>) () -> task.call(k)));
        }
        for (Future<Void> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    static double openSshUploads(int n, Path work, Path file, Path key, Path knownHosts, String user, int port, String prefix) throws Exception {
        long t0 = System.nanoTime();
        runAll(n, i -> {
            String dir = prefix + i;
            String batch = "mkdir " + dir + "\nput " + file + " " + dir + "/" + file.getFileName() + "\n";
            Process p = new ProcessBuilder("/usr/bin/sftp", "-b", "-", "-P", Integer.toString(port), "-i", key.toString(),
                    "-F", "/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, user + "@127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(batch.getBytes());
            }
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("sftp upload " + i + " failed: " + p.exitValue());
            }
            return null;
        });
        return ms(System.nanoTime() - t0);
    }

    static Process startSshd(Path work, Path key) throws Exception {
        Path d = Files.createDirectories(work.resolve("sshd"));
        sh(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", d.resolve("host").toString()), work);
        Files.copy(Path.of(key + ".pub"), d.resolve("authorized_keys"));
        Files.writeString(d.resolve("sshd_config"), String.join("\n",
                "Port " + SSHD_PORT, "ListenAddress 127.0.0.1", "HostKey " + d.resolve("host"),
                "PidFile " + d.resolve("sshd.pid"), "AuthorizedKeysFile " + d.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "UsePAM no", "StrictModes no", "MaxStartups 200", "MaxSessions 200",
                "Subsystem sftp internal-sftp", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", d.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(d.resolve("sshd.log").toFile()).start();
        Thread.sleep(1000);
        if (!p.isAlive()) {
            throw new IllegalStateException("sshd did not start: " + Files.readString(d.resolve("sshd.log")));
        }
        return p;
    }

    static void copy(Path local, SftpClient sftp, String remote) throws Exception {
        try (InputStream in = Files.newInputStream(local); OutputStream out = sftp.write(remote)) {
            in.transferTo(out);
        }
    }

    /** A valid SRPM of about 10 MB: incompressible data as its source. */
    static Path bigSrpm(Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("SOURCES"));
        byte[] data = new byte[10 << 20];
        new Random(42).nextBytes(data);
        Files.write(sources.resolve("data.bin"), data);
        Path spec = dir.resolve("big.spec");
        Files.writeString(spec, String.join("\n", "Name: big", "Version: 1.0", "Release: 1", "Summary: big",
                "License: MIT", "BuildArch: noarch", "Source0: data.bin", "%description", "big", "%files", ""));
        sh(List.of("rpmbuild", "-bs", "--define", "_topdir " + dir, "--define", "_srcrpmdir " + dir,
                "--define", "_source_payload w0.ufdio", spec.toString()), dir);
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".src.rpm")).findFirst().orElseThrow();
        }
    }

    static String sh(List<String> cmd, Path dir) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed: " + out);
        }
        return out;
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
