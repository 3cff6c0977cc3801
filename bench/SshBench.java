// Benchmark of build hosts over SSH (issue 3): transfer, dispatch latency, throughput, memory.
// Not part of the test suite. Run with bench/ssh-run.sh MODE [ARGS]; see docs/benchmarks.md.
//
//   transfer [MB] [REPS]     a MB-sized source to an agent on an OpenSSH sshd and its product back,
//                            against OpenSSH scp and MINA SFTP over the same sshd, same run
//   dispatch [SINGLES] [BURST] [HELLO]
//                            4 SSH hosts (1 slot each): queued -> BuildStarted p50/p99 for single
//                            tasks and a burst; burst throughput of the smallest SRPM; hello builds
//                            against the same builds run directly 2 at a time; idle agent RSS
//   memory [AGENTS]          the controller as its own process (serve -c yaml), RSS idle and with
//                            AGENTS protocol clients connected and heartbeating
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.Farm;
import org.pkgforge.controller.config.ConfigFile;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.db.RegistryAccess;
import org.pkgforge.controller.launch.HostRegistration;
import org.pkgforge.controller.launch.HostSpec;
import org.pkgforge.controller.ssh.ControllerIdentity;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.ssh.SshConnector;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.codec.MessageCodec;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.Refused;
import org.pkgforge.protocol.message.Welcome;
import org.pkgforge.sql.dao.AgentDao;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.row.Host;
import org.pkgforge.submit.PkgforgeCli;

public class SshBench {
    static Path work;
    static String arch;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "help";
        work = Files.createTempDirectory("pkgforge-sshbench");
        arch = sh(List.of("rpm", "--eval", "%{_arch}")).strip();
        System.out.printf("# %s, %d cores, load %s, work %s%n", mode, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip(), work);
        try {
            switch (mode) {
                case "transfer" -> transfer(intArg(args, 1, 200), intArg(args, 2, 3));
                case "dispatch" -> dispatch(intArg(args, 1, 30), intArg(args, 2, 100), intArg(args, 3, 20));
                case "memory" -> memory(intArg(args, 1, 100));
                default -> {
                    System.err.println("usage: SshBench transfer [MB] [REPS] | dispatch [SINGLES] [BURST] [HELLO]"
                            + " | memory [AGENTS]");
                    System.exit(2);
                }
            }
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                sh(List.of("rm", "-rf", work.toString()));
            }
        }
        System.out.printf("# load at the end %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------
    // 1. Transfer
    // ------------------------------------------------------------------------------------------

    static void transfer(int mb, int reps) throws Exception {
        long t0 = System.nanoTime();
        Path srpm = bigSrpm(work.resolve("big"), mb);
        long size = Files.size(srpm);
        double mbs = size / 1e6;
        System.out.printf("source: %s, %.1f MB (random bytes, stored uncompressed), made in %.1f s%n",
                srpm.getFileName(), mbs, (System.nanoTime() - t0) / 1e9);

        ControllerConfig config = farmConfig();
        ControllerIdentity identity = ControllerIdentity.loadOrCreate(config.hosts().identityFile());
        Path clientKey = opensshClientKey(work.resolve("client"));
        Sshd sshd = Sshd.start(work.resolve("sshd-t1"),
                List.of(identity.authorizedKeysLine(), Files.readString(clientKey.resolveSibling("id_ed25519.pub"))));
        Path remote = Files.createDirectories(work.resolve("remote"));
        try {
            // Baselines: OpenSSH scp over the same sshd (its default cipher, and AES-GCM as MINA uses).
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int r = 0; r < reps; r++) {
                for (String cipher : List.of("default", "aes128-gcm@openssh.com")) {
                    Path dst = remote.resolve("up.bin");
                    double up = timed(() -> scp(sshd, clientKey, cipher, srpm.toString(),
                            sshd.user() + "@127.0.0.1:" + dst));
                    rates.computeIfAbsent("scp upload (" + cipher + ")", k -> new ArrayList<>()).add(mbs / up);
                    Path back = work.resolve("down.bin");
                    double down = timed(() -> scp(sshd, clientKey, cipher, sshd.user() + "@127.0.0.1:" + dst,
                            back.toString()));
                    rates.computeIfAbsent("scp download (" + cipher + ")", k -> new ArrayList<>()).add(mbs / down);
                    Files.deleteIfExists(dst);
                    Files.deleteIfExists(back);
                }
                // MINA SFTP, the agent-jar upload path: same connector, ciphers and copy loop as ensureJar.
                try (SshConnector connector = new SshConnector(identity, Duration.ofSeconds(15), Duration.ofSeconds(10))) {
                    ClientSession session = connector.connect(
                            new Host.SshTarget(sshd.user(), "127.0.0.1", sshd.port()), HostKeys.parse(sshd.hostPublicKey()));
                    try {
                        String cipher = session.getNegotiatedKexParameter(org.apache.sshd.common.kex.KexProposalOption.C2SENC);
                        Path dst = remote.resolve("mina.bin");
                        double secs = timed(() -> {
                            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                                    OutputStream out = sftp.write(dst.toString());
                                    InputStream in = Files.newInputStream(srpm)) {
                                in.transferTo(out);
                            }
                        });
                        rates.computeIfAbsent("MINA SFTP upload, MINA default 32 KiB writes (" + cipher + ")", k -> new ArrayList<>())
                                .add(mbs / secs);
                        if (Files.size(dst) != size) throw new IllegalStateException("SFTP upload incomplete");
                        Files.deleteIfExists(dst);
                        // The same with a 128 KiB write buffer (OpenSSH sftp-server refuses messages over 256 KiB).
                        Path dst2 = remote.resolve("mina2.bin");
                        double secs3 = timed(() -> {
                            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                                    OutputStream out = sftp.write(dst2.toString(), 128 * 1024,
                                            SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                                            SftpClient.OpenMode.Truncate);
                                    InputStream in = Files.newInputStream(srpm)) {
                                in.transferTo(out);
                            }
                        });
                        if (Files.size(dst2) != size) throw new IllegalStateException("SFTP upload incomplete");
                        Files.deleteIfExists(dst2);
                        rates.computeIfAbsent("MINA SFTP upload, 128 KiB writes (as ensureJar now)", k -> new ArrayList<>())
                                .add(mbs / secs3);
                        // The agent's path without PkgForge's protocol: raw TCP through the same remote forward.
                        for (boolean toAgent : List.of(true, false)) {
                            double secs2 = forwardRaw(session, size, toAgent);
                            rates.computeIfAbsent(toAgent
                                            ? "MINA remote forward, raw TCP, controller→agent"
                                            : "MINA remote forward, raw TCP, agent→controller (download)",
                                    k -> new ArrayList<>()).add(mbs / secs2);
                        }
                    } finally {
                        session.close(true);
                    }
                }
            }

            // The farm: one OpenSSH host, one slot; the job's SRPM goes to the agent and its RPM comes back.
            List<double[]> farmRuns = new ArrayList<>();
            List<double[]> localRuns = new ArrayList<>();
            long productSize;
            String platform;
            try (Farm farm = Farm.start(config)) {
                Jdbi jdbi = farm.jdbi();
                platform = platform(jdbi, "bench");
                Path hostDir = registerHost(jdbi, "t1", sshd, List.of(platform), 1);
                awaitOnline(jdbi, List.of("t1"));
                productSize = farmRuns(farm, config, srpm, size, hostDir.resolve("work"), "big-", reps, sshd, hostDir, farmRuns);
                // Control without SSH: the walking skeleton's local agent connects straight to the endpoint.
                jdbi.onDemand(HostDao.class).remove("t1");
                // The agent runs detached from SSH and outlives the host row: stop its process group.
                long pid = agentPid(hostDir);
                if (pid > 0) new ProcessBuilder("kill", "-KILL", "--", "-" + pid).start().waitFor();
            }
            ControllerConfig local = config.withLocalAgent(
                    new ControllerConfig.LocalAgentConfig("local", 1, List.of(platform), Optional.empty()));
            try (Farm farm = Farm.start(local)) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!farm.jdbi().withHandle(h -> h.createQuery("SELECT state = 'online' FROM agent WHERE name = 'local'")
                        .mapTo(Boolean.class).findOne().orElse(false))) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("local agent not online");
                    Thread.sleep(100);
                }
                farmRuns(farm, local, srpm, size, local.stateDir().resolve("agent-local"), "local-", reps, null, null,
                        localRuns);
            }
            double pmbs = productSize / 1e6;
            System.out.printf("product back: %.1f MB%n", pmbs);
            for (double[] run : localRuns) {
                rates.computeIfAbsent("control, local agent, no SSH: controller→agent, claimed→source on disk",
                        k -> new ArrayList<>()).add(mbs / ((run[1] - run[0]) / 1000));
                rates.computeIfAbsent("control, local agent, no SSH: agent→controller, first→last byte staged",
                        k -> new ArrayList<>()).add(pmbs / ((run[4] - run[3]) / 1000));
            }
            for (double[] run : farmRuns) {
                rates.computeIfAbsent("farm: controller→agent, claimed→source on agent's disk", k -> new ArrayList<>())
                        .add(mbs / ((run[1] - run[0]) / 1000));
                rates.computeIfAbsent("farm: controller→agent, claimed→BuildStarted (incl. agent SHA-256)",
                                k -> new ArrayList<>())
                        .add(mbs / ((run[2] - run[0]) / 1000));
                rates.computeIfAbsent("farm: agent→controller, product first→last byte staged", k -> new ArrayList<>())
                        .add(pmbs / ((run[4] - run[3]) / 1000));
                rates.computeIfAbsent("farm: agent→controller, first byte→result stored (incl. SHA-256)",
                                k -> new ArrayList<>())
                        .add(pmbs / ((run[5] - run[3]) / 1000));
            }
            double scpUp = median(rates.get("scp upload (default)"));
            double scpDown = median(rates.get("scp download (default)"));
            System.out.printf("%n%-70s %9s %9s %9s%n", "path (" + reps + " runs)", "p50 MB/s", "best", "×scp");
            for (var e : rates.entrySet()) {
                boolean down = e.getKey().contains("download") || e.getKey().contains("agent→controller");
                double base = down ? scpDown : scpUp;
                System.out.printf("%-70s %9.1f %9.1f %8.2f×%n", e.getKey(), median(e.getValue()),
                        Collections.max(e.getValue()), median(e.getValue()) / base);
            }
        } finally {
            sshd.stop();
        }
    }

    /**
     * Sends {@code size} bytes through a remote forward (host's 127.0.0.1:P → a socket in this JVM,
     * standing in for the controller's agent endpoint), as the agent's connection runs; returns seconds.
     */
    static double forwardRaw(ClientSession session, long size, boolean toAgent) throws Exception {
        try (ServerSocket endpoint = new ServerSocket()) {
            endpoint.bind(new InetSocketAddress("127.0.0.1", 0));
            int remote = session.startRemotePortForwarding(
                            new org.apache.sshd.common.util.net.SshdSocketAddress("127.0.0.1", 0),
                            new org.apache.sshd.common.util.net.SshdSocketAddress("127.0.0.1", endpoint.getLocalPort()))
                    .getPort();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                long t0 = System.nanoTime();
                try (Socket agent = new Socket("127.0.0.1", remote)) {
                    Future<Long> controllerSide = pool.submit(() -> {
                        try (Socket c = endpoint.accept()) {
                            return toAgent ? pump(c.getOutputStream(), size) : drain(c.getInputStream());
                        }
                    });
                    long got = toAgent ? drain(agent.getInputStream()) : pump(agent.getOutputStream(), size);
                    long other = controllerSide.get(5, TimeUnit.MINUTES);
                    if ((toAgent ? got : other) != size) throw new IllegalStateException("forward lost bytes");
                }
                return (System.nanoTime() - t0) / 1e9;
            } finally {
                pool.shutdownNow();
                session.stopRemotePortForwarding(new org.apache.sshd.common.util.net.SshdSocketAddress("127.0.0.1", remote));
            }
        }
    }

    static long pump(OutputStream out, long size) throws IOException {
        byte[] buf = new byte[MessageCodec.MAX_CHUNK];
        new SplittableRandom(1).nextBytes(buf);
        for (long left = size; left > 0; left -= buf.length) {
            out.write(buf, 0, (int) Math.min(buf.length, left));
        }
        out.flush();
        out.close();
        return size;
    }

    static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[MessageCodec.MAX_CHUNK];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) total += n;
        return total;
    }

    /** Runs {@code reps} jobs of {@code srpm}, one at a time; adds each one's timeline; returns the product size. */
    static long farmRuns(Farm farm, ControllerConfig config, Path srpm, long size, Path agentWork, String prefix, int reps,
            Sshd sshd, Path hostDir, List<double[]> out) throws Exception {
        Jdbi jdbi = farm.jdbi();
        long productSize = 0;
        for (int r = 0; r < reps; r++) {
            String id = prefix + r;
            Poller poller = new Poller(agentWork, srpm.getFileName().toString(), size, config.resultsDir().resolve(id));
            Thread watcher = new Thread(poller, "bench-poller");
            watcher.start();
            Map<String, Long> cpu0 = threadCpuByGroup();
            long agentPid = hostDir == null ? -1 : agentPid(hostDir);
            long agentCpu0 = processCpuMillis(agentPid);
            long sshd0 = sshd == null ? 0 : sshdCpu(sshd).get(0);
            submit(farm, config, "bench", id, srpm);
            awaitDone(jdbi, List.of(id), Duration.ofMinutes(10));
            poller.stop = true;
            watcher.join();
            Map<String, Long> cpu1 = threadCpuByGroup();
            StringBuilder where = new StringBuilder();
            for (var e : cpu1.entrySet()) {
                long d = e.getValue() - cpu0.getOrDefault(e.getKey(), 0L);
                if (d >= 50) where.append(String.format(" %s %d ms;", e.getKey(), d));
            }
            if (sshd != null) {
                System.out.printf("  CPU during job %s: controller JVM threads:%s agent JVM %d ms (its rpmbuild"
                                + " children not counted); sshd %d ms%n",
                        id, where, processCpuMillis(agentPid) - agentCpu0, sshdCpu(sshd).get(0) - sshd0);
            }
            Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                            "SELECT extract(epoch FROM a.claimed_at) * 1000 AS claimed,"
                                    + " extract(epoch FROM a.started_at) * 1000 AS started,"
                                    + " extract(epoch FROM a.finished_at) * 1000 AS finished,"
                                    + " (SELECT sum(size) FROM artifact x WHERE x.attempt_id = a.id) AS psize"
                                    + " FROM attempt a JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id"
                                    + " WHERE j.uuid = :id")
                    .bind("id", id)
                    .mapToMap()
                    .one());
            double claimed = ((Number) row.get("claimed")).doubleValue();
            double started = ((Number) row.get("started")).doubleValue();
            double finished = ((Number) row.get("finished")).doubleValue();
            productSize = row.get("psize") == null ? 0 : ((Number) row.get("psize")).longValue();
            double[] run = {claimed, poller.sourceDone, started, poller.productFirst, poller.productDone, finished};
            out.add(run);
            System.out.printf("  %s: claimed→sources on disk %.0f ms, →BuildStarted %.0f ms; product first chunk→"
                            + "last byte %.0f ms, →result stored %.0f ms%n",
                    id, run[1] - run[0], run[2] - run[0], run[4] - run[3], run[5] - run[3]);
            Files.deleteIfExists(config.acceptedDir().resolve(id).resolve(srpm.getFileName()));
            sh(List.of("rm", "-rf", config.resultsDir().resolve(id).toString()));
        }
        return productSize;
    }

    /** CPU ms of this JVM's threads, grouped by name with digits dropped (agent-t1 → agent-t). */
    static Map<String, Long> threadCpuByGroup() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long t = mx.getThreadCpuTime(id);
            if (info == null || t < 0) continue;
            String group = info.getThreadName().replaceAll("[0-9]+", "#");
            out.merge(group, t / 1_000_000, Long::sum);
        }
        return out;
    }

    /** utime + stime of one process from /proc/PID/stat, in ms (clock ticks of 10 ms). */
    static long processCpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU ms of the sshd listener's descendants (the per-connection sshd processes). */
    static List<Long> sshdCpu(Sshd sshd) {
        long total = sshd.process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("sshd")).orElse(false))
                .mapToLong(p -> processCpuMillis(p.pid()))
                .sum();
        return List.of(total);
    }

    /** Polls the agent's sources and the controller's product staging for the transfer's timeline. */
    static final class Poller implements Runnable {
        final Path agentWork;
        final String sourceName;
        final Path resultDir;
        volatile boolean stop;
        volatile double sourceDone = Double.NaN;
        volatile double productFirst = Double.NaN;
        volatile double productDone = Double.NaN;
        final long expectedSource;
        Path sourceFile;
        Path productFile;
        long lastProductSize = -1;

        Poller(Path agentWork, String sourceName, long expectedSource, Path resultDir) {
            this.agentWork = agentWork;
            this.expectedSource = expectedSource;
            this.sourceName = sourceName;
            this.resultDir = resultDir;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    double now = System.currentTimeMillis();
                    if (Double.isNaN(sourceDone)) {
                        if (sourceFile == null) sourceFile = find(agentWork, p -> p.getFileName().toString().equals(sourceName)
                                && p.getParent().getFileName().toString().equals("sources"));
                        if (sourceFile != null && Files.exists(sourceFile)) {
                            if (Files.size(sourceFile) >= expectedSource) sourceDone = now;
                        }
                    }
                    if (productFile == null) {
                        productFile = find(resultDir, p -> p.getParent().getFileName().toString().startsWith(".attempt-")
                                && p.getFileName().toString().endsWith(".rpm"));
                        if (productFile != null) productFirst = now;
                    } else if (Files.exists(productFile)) {
                        long s = Files.size(productFile);
                        if (s != lastProductSize) {
                            lastProductSize = s;
                            productDone = now;
                        }
                    }
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                // The staging directory is removed once the result is stored: the last size seen stands.
                if (!stop) System.err.println("poller: " + e);
            }
        }
    }

    static Path find(Path root, java.util.function.Predicate<Path> p) {
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p).findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /** noarch package whose Source0 is MB random bytes; SRPM and RPM payloads stored uncompressed. */
    static Path bigSrpm(Path dir, int mb) throws Exception {
        Path top = Files.createDirectories(dir.resolve(".rpmbuild"));
        Path sources = Files.createDirectories(top.resolve("SOURCES"));
        byte[] block = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(42);
        try (OutputStream out = Files.newOutputStream(sources.resolve("big.bin"))) {
            for (int i = 0; i < mb; i++) {
                for (int k = 0; k < block.length; k += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) block[k + b] = (byte) (v >>> (8 * b));
                }
                out.write(block);
            }
        }
        String spec = """
                %define _source_payload w0.ufdio
                %define _binary_payload w0.ufdio
                %define debug_package %{nil}
                %define __os_install_post %{nil}
                Name: benchbig
                Version: 1
                Release: 1
                Summary: a big source (PkgForge transfer benchmark)
                License: MIT
                BuildArch: noarch
                Source0: big.bin

                %description
                Ships its source as is.

                %prep

                %build

                %install
                mkdir -p %{buildroot}/usr/share/benchbig
                cp %{SOURCE0} %{buildroot}/usr/share/benchbig/big.bin

                %files
                /usr/share/benchbig/big.bin
                """;
        return srpmFrom(dir, top, "benchbig", spec);
    }

    /** The smallest useful build: noarch, empty %build, one tiny file, no source tarball. */
    static Path tinySrpm(Path dir) throws Exception {
        Path top = Files.createDirectories(dir.resolve(".rpmbuild"));
        String spec = """
                %define debug_package %{nil}
                Name: benchnoop
                Version: 1
                Release: 1
                Summary: the smallest build (PkgForge throughput benchmark)
                License: MIT
                BuildArch: noarch

                %description
                One tiny file.

                %prep

                %build

                %install
                mkdir -p %{buildroot}/usr/share/benchnoop
                echo 1 > %{buildroot}/usr/share/benchnoop/one

                %files
                /usr/share/benchnoop/one
                """;
        return srpmFrom(dir, top, "benchnoop", spec);
    }

    static Path srpmFrom(Path dir, Path top, String name, String spec) throws Exception {
        Path specFile = top.resolve(name + ".spec");
        Files.writeString(specFile, spec);
        sh(List.of("rpmbuild", "--quiet", "-bs", "--define", "_topdir " + top, "--define", "_tmppath " + top.resolve("tmp"),
                "--define", "_srcrpmdir " + dir, specFile.toString()));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(name) && p.toString().endsWith(".src.rpm"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    static Path opensshClientKey(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path key = dir.resolve("id_ed25519");
        sh(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        return key;
    }

    static void scp(Sshd sshd, Path key, String cipher, String from, String to) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("scp", "-q", "-P", Integer.toString(sshd.port()), "-i", key.toString(),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"));
        if (!cipher.equals("default")) {
            cmd.addAll(List.of("-c", cipher));
        }
        cmd.add(from);
        cmd.add(to);
        sh(cmd);
    }

    // ------------------------------------------------------------------------------------------
    // 2 and 3. Dispatch latency and throughput, 4 SSH hosts
    // ------------------------------------------------------------------------------------------

    static void dispatch(int singles, int burst, int hello) throws Exception {
        Path tiny = tinySrpm(work.resolve("tiny"));
        Path helloSrpm = helloSrpm(work.resolve("hello"));
        ControllerConfig config = farmConfig();
        ControllerIdentity identity = ControllerIdentity.loadOrCreate(config.hosts().identityFile());
        List<String> names = List.of("h1", "h2", "h3", "h4");
        List<Sshd> servers = new ArrayList<>();
        Map<String, Path> hostDirs = new LinkedHashMap<>();
        Map<String, Double> results = new LinkedHashMap<>();
        try {
            for (String n : names) {
                servers.add(Sshd.start(work.resolve("sshd-" + n), List.of(identity.authorizedKeysLine())));
            }
            // Baselines first, with nothing else running: the same rpmbuild command the agent runs.
            double tinyDirect = directThroughput(tiny, burst, 2);
            double helloDirect = directThroughput(helloSrpm, hello, 2);
            try (Farm farm = Farm.start(config)) {
                Jdbi jdbi = farm.jdbi();
                String platform = platform(jdbi, "bench");
                long t0 = System.nanoTime();
                for (int i = 0; i < names.size(); i++) {
                    hostDirs.put(names.get(i), registerHost(jdbi, names.get(i), servers.get(i), List.of(platform), 1));
                }
                awaitOnline(jdbi, names);
                System.out.printf("4 hosts online (connect, java check, jar upload, forward, agent start) in %.1f s%n",
                        (System.nanoTime() - t0) / 1e9);
                Thread.sleep(5000);
                List<Double> idleRss = new ArrayList<>();
                for (String n : names) idleRss.add(rssMb(agentPid(hostDirs.get(n))));
                System.out.printf("idle agent RSS, before any build: %s MB%n", fmt(idleRss));

                // Warm-up: a few builds per agent (JIT on both sides, first createrepo).
                List<String> warm = new ArrayList<>();
                for (int i = 0; i < 8; i++) warm.add("warm-" + i);
                submitAll(farm, config, warm, tiny);
                awaitDone(jdbi, warm, Duration.ofMinutes(5));

                // Single tasks, one at a time.
                List<String> single = new ArrayList<>();
                for (int i = 0; i < singles; i++) {
                    String id = "single-" + i;
                    submit(farm, config, "bench", id, tiny);
                    awaitDone(jdbi, List.of(id), Duration.ofMinutes(2));
                    single.add(id);
                }
                List<Double> singleLat = latencies(jdbi, single, "t.queued_at");
                List<Double> singleFromSubmit = latencies(jdbi, single, "j.submitted_at");
                List<Double> singleClaim = phase(jdbi, single, "a.claimed_at - t.queued_at");
                System.out.printf("single tasks (%d): queued→BuildStarted p50 %.1f ms p99 %.1f ms;"
                                + " job submitted→BuildStarted p50 %.1f ms; queued→claimed p50 %.1f ms%n",
                        singles, median(singleLat), pct(singleLat, 99), median(singleFromSubmit), median(singleClaim));
                results.put("single p50", median(singleLat));
                results.put("single p99", pct(singleLat, 99));

                platform(jdbi, "hold");
                // A burst of tiny tasks, all queued in one transaction.
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < burst; i++) ids.add("burst-" + i);
                BurstResult b = runBurst(farm, config, ids, tiny, true);
                System.out.printf("burst of %d smallest SRPMs on 4 slots: queued→BuildStarted p50 %.1f ms p99 %.1f ms;"
                                + " %.0f tasks/min (first queued→last result stored %.2f s); direct rpmbuild 2 at a"
                                + " time %.0f builds/min → %.2f×%n",
                        burst, median(b.latency), pct(b.latency, 99), b.perMinute, b.seconds, tinyDirect,
                        b.perMinute / tinyDirect);
                List<Double> slotLat = phase(jdbi, ids, SLOT_FREE_TO_STARTED);
                System.out.printf("  burst: slot free (or task queued, if later)→BuildStarted p50 %.1f ms p99 %.1f ms%n",
                        median(slotLat), pct(slotLat, 99));
                results.put("burst slot p50", median(slotLat));
                results.put("burst slot p99", pct(slotLat, 99));
                System.out.printf("  burst phases p50: queued→claimed %.1f ms, claimed→BuildStarted %.1f ms,"
                                + " BuildStarted→result stored %.1f ms; registration of the %d jobs took %.2f s%n",
                        median(phase(jdbi, ids, "a.claimed_at - t.queued_at")),
                        median(phase(jdbi, ids, "a.started_at - a.claimed_at")),
                        median(phase(jdbi, ids, "a.finished_at - a.started_at")), burst, b.registration);

                // The same burst through the drop directory: the controller's intake included.
                List<String> viaDrop = new ArrayList<>();
                for (int i = 0; i < burst; i++) viaDrop.add("drop-" + i);
                BurstResult d = runBurst(farm, config, viaDrop, tiny, false);
                System.out.printf("burst of %d smallest SRPMs dropped at once (intake included): %.0f tasks/min"
                                + " (%.2f s); queued→BuildStarted p50 %.1f ms p99 %.1f ms; registration took %.2f s%n",
                        burst, d.perMinute, d.seconds, median(d.latency), pct(d.latency, 99), d.registration);

                List<String> helloIds = new ArrayList<>();
                for (int i = 0; i < hello; i++) helloIds.add("hello-" + i);
                BurstResult h = runBurst(farm, config, helloIds, helloSrpm, true);
                System.out.printf("burst of %d hello builds on 4 slots: %.1f builds/min (%.2f s); direct 2 at a time"
                                + " %.1f builds/min → %.2f×; queued→BuildStarted p50 %.1f ms p99 %.1f ms%n",
                        hello, h.perMinute, h.seconds, helloDirect, h.perMinute / helloDirect, median(h.latency),
                        pct(h.latency, 99));

                Thread.sleep(5000);
                List<Double> afterRss = new ArrayList<>();
                for (String n : names) afterRss.add(rssMb(agentPid(hostDirs.get(n))));
                System.out.printf("idle agent RSS, after %d builds: %s MB%n",
                        8 + singles + 2 * burst + hello, fmt(afterRss));
                System.out.printf("%n| figure | measured | target |%n|---|---:|---:|%n");
                System.out.printf("| single: queued → BuildStarted p50 / p99 | %.1f / %.1f ms | ≤ 50 / ≤ 200 ms |%n",
                        median(singleLat), pct(singleLat, 99));
                System.out.printf("| burst of %d: queued → BuildStarted p50 / p99 | %.1f / %.1f ms | ≤ 50 / ≤ 200 ms |%n",
                        burst, median(b.latency), pct(b.latency, 99));
                System.out.printf("| burst of %d: slot free (or queued, if later) → BuildStarted p50 / p99 | %.1f / %.1f ms | |%n",
                        burst, median(slotLat), pct(slotLat, 99));
                System.out.printf("| burst of %d smallest SRPMs, 4 slots | %.0f tasks/min (%.2f× direct 2-way) | ≥ 3500 |%n",
                        burst, b.perMinute, b.perMinute / tinyDirect);
                System.out.printf("| same, dropped at once (intake included) | %.0f tasks/min | |%n", d.perMinute);
                System.out.printf("| %d hello builds, 4 slots, vs direct 2 at a time | %.2f× | ≥ 0.90× |%n", hello,
                        h.perMinute / helloDirect);
                System.out.printf("| idle agent RSS (max of 4), before / after builds | %.1f / %.1f MB | ≤ 96 MB |%n",
                        Collections.max(idleRss), Collections.max(afterRss));
            }
        } finally {
            for (Sshd s : servers) s.stop();
            for (Path d : hostDirs.values()) {
                long pid = agentPid(d);
                if (pid > 0) new ProcessBuilder("kill", "-KILL", "--", "-" + pid).start().waitFor();
            }
        }
    }

    /**
     * In a burst a task waits for a slot; what dispatch adds starts when the task is queued or when
     * its agent's slot was freed by the previous result, whichever is later (one slot per host).
     */
    static final String SLOT_FREE_TO_STARTED = "a.started_at - greatest(t.queued_at, (SELECT max(p.finished_at)"
            + " FROM attempt p WHERE p.agent_name = a.agent_name AND p.finished_at <= a.claimed_at))";

    record BurstResult(List<Double> latency, double perMinute, double seconds, double registration) {}

    /**
     * A burst. {@code held}: the jobs are registered for the platform "hold", which no agent
     * serves, then every task is moved to "bench" and queued again in one transaction (and the
     * dispatcher woken with NOTIFY pkgforge_task, as the registry's trigger does): dispatch and the
     * agents alone. Otherwise the jobs are written first and moved into the drop directory at
     * once: the controller's intake (copy, checksums, SRPM headers, registration) is included.
     */
    static BurstResult runBurst(Farm farm, ControllerConfig config, List<String> ids, Path srpm, boolean held)
            throws Exception {
        Path side = Files.createDirectories(work.resolve("side-" + ids.get(0)));
        for (String id : ids) {
            int exit = PkgforgeCli.run("submit", "-B", bucket(id), "-p", held ? "hold" : "bench", "--id", id, "--target",
                    side.toString(), srpm.toString());
            if (exit != 0) throw new IllegalStateException("submit failed: " + exit);
        }
        long t0 = System.nanoTime();
        try (Stream<Path> s = Files.list(side)) {
            for (Path job : s.toList()) {
                Files.move(job, config.dropDir().resolve(job.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        farm.processIncoming();
        double registration = (System.nanoTime() - t0) / 1e9;
        if (held) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (farm.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM task t JOIN job j ON j.id = t.job_id"
                                    + " WHERE j.uuid IN (<ids>)")
                            .bindList("ids", ids)
                            .mapTo(Integer.class)
                            .one())
                    < ids.size()) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("jobs not registered");
                Thread.sleep(20);
            }
            farm.jdbi().useTransaction(h -> {
                h.createUpdate("UPDATE task t SET platform_id = (SELECT id FROM platform WHERE name = 'bench'),"
                                + " queued_at = now() FROM job j WHERE j.id = t.job_id AND j.uuid IN (<ids>)")
                        .bindList("ids", ids)
                        .execute();
                h.execute("NOTIFY pkgforge_task");
            });
        }
        awaitDone(farm.jdbi(), ids, Duration.ofMinutes(15));
        farm.jdbi().useHandle(h -> h.createQuery("SELECT a.outcome || ': ' || coalesce(a.reason, '') AS what, count(*) AS n"
                        + " FROM attempt a JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id"
                        + " WHERE j.uuid IN (<ids>) AND a.outcome IS DISTINCT FROM 'success' GROUP BY 1")
                .bindList("ids", ids)
                .mapToMap()
                .forEach(m -> System.out.printf("  attempts other than success in %s…: %s × %s%n", ids.get(0), m.get("n"),
                        m.get("what"))));
        List<Double> lat = latencies(farm.jdbi(), ids, "t.queued_at");
        double seconds = farm.jdbi().withHandle(h -> h.createQuery(
                        "SELECT extract(epoch FROM max(a.finished_at) - min(t.queued_at)) FROM attempt a"
                                + " JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id WHERE j.uuid IN (<ids>)")
                .bindList("ids", ids)
                .mapTo(Double.class)
                .one());
        return new BurstResult(lat, ids.size() / seconds * 60, seconds, registration);
    }

    /** Builds per minute of the agent's rpmbuild command run directly, {@code parallel} at a time. */
    static double directThroughput(Path srpm, int count, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        AtomicInteger n = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                Path top = work.resolve("direct-" + n.incrementAndGet());
                Path db = top.resolve("rpmdb");
                // As RpmbuildBuilder: a private rpm database, then rpmbuild --rebuild.
                sh(List.of("rpm", "--initdb", "--dbpath", db.toString()));
                sh(List.of("rpmbuild", "--rebuild", "--nodeps", "--define", "_topdir " + top.resolve("top"),
                        "--define", "_tmppath " + top.resolve("tmp"), "--define", "_dbpath " + db, srpm.toString()));
                sh(List.of("rm", "-rf", top.toString()));
                return null;
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        double perMin = count / secs * 60;
        System.out.printf("direct: %d × rpmbuild --rebuild %s, %d at a time: %.2f s, %.0f builds/min%n", count,
                srpm.getFileName(), parallel, secs, perMin);
        return perMin;
    }

    static Path helloSrpm(Path out) throws Exception {
        Path examples = Path.of("examples").toAbsolutePath();
        sh(List.of("sh", examples.resolve("make-srpm.sh").toString(), out.toString()));
        try (Stream<Path> f = Files.list(out)) {
            return f.filter(p -> p.toString().endsWith(".src.rpm")).findFirst().orElseThrow();
        }
    }

    static List<Double> latencies(Jdbi jdbi, List<String> ids, String from) {
        return phase(jdbi, ids, "a.started_at - " + from);
    }

    /** The interval per attempt, in ms; attempts where it is NULL (no BuildStarted stored) are counted and left out. */
    static List<Double> phase(Jdbi jdbi, List<String> ids, String interval) {
        List<Double> all = jdbi.withHandle(h -> h.createQuery("SELECT extract(epoch FROM " + interval + ") * 1000 FROM attempt a"
                        + " JOIN task t ON t.id = a.task_id JOIN job j ON j.id = t.job_id WHERE j.uuid IN (<ids>)")
                .bindList("ids", ids)
                .mapTo(Double.class)
                .list());
        List<Double> known = all.stream().filter(java.util.Objects::nonNull).toList();
        if (known.size() < all.size()) {
            System.out.printf("  (%d of %d attempts have no value for %s)%n", all.size() - known.size(), all.size(),
                    interval.length() > 40 ? interval.substring(0, 40) + "…" : interval);
        }
        return known;
    }

    // ------------------------------------------------------------------------------------------
    // 4. Memory: the controller as its own process, with AGENTS protocol clients
    // ------------------------------------------------------------------------------------------

    static void memory(int agents) throws Exception {
        Path jar = Path.of(ControllerConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int agentPort = freePort();
        Path state = work.resolve("state");
        Path yaml = work.resolve("controller.yaml");
        Files.writeString(yaml, """
                stateDir: %s
                webPort: 0
                agentPort: %d
                waitForJobSeconds: 0
                heartbeatSeconds: 5
                leaseSeconds: 30
                """.formatted(state, agentPort));
        String javaOpts = System.getProperty("bench.controllerOpts", "");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!javaOpts.isBlank()) cmd.addAll(List.of(javaOpts.trim().split("[,\\s]+"))); // commas: one shell word
        cmd.addAll(List.of("-Dlogback.configurationFile=" + Path.of("bench/logback-bench.xml").toAbsolutePath(), "-jar",
                jar.toString(), "serve", "-c", yaml.toString()));
        System.out.printf("controller: %s%n", String.join(" ", cmd));
        Process controller = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("controller.log").toFile())
                .start();
        EventLoopGroup group = new NioEventLoopGroup(2);
        List<Resources> keep = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!listening(agentPort)) {
                if (!controller.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("controller did not start: " + Files.readString(work.resolve("controller.log")));
                }
                Thread.sleep(200);
            }
            Thread.sleep(10_000);
            double idle = rssMb(controller.pid());
            System.out.printf("controller pid %d RSS idle (0 agents, 10 s after start): %.1f MB%n", controller.pid(), idle);

            // Register the agents as an admin tool would, each with a session key (as after a Welcome).
            ControllerConfig config = ConfigFile.load(yaml, state);
            List<AutoCloseable> res = new ArrayList<>();
            Jdbi jdbi = RegistryAccess.adminJdbi(config, res);
            keep.add(new Resources(res));
            Map<String, String> keys = new LinkedHashMap<>();
            for (int i = 0; i < agents; i++) {
                String name = "mem-" + i;
                String key = "bench-session-key-" + i + "-" + System.nanoTime();
                jdbi.onDemand(AgentDao.class).upsert(name, 1);
                jdbi.onDemand(HostDao.class).setSessionKey(name,
                        Checksums.sha256Hex(key.getBytes(StandardCharsets.UTF_8)));
                keys.put(name, key);
            }
            CountDownLatch welcomed = new CountDownLatch(agents);
            Map<String, String> refused = new ConcurrentHashMap<>();
            List<Channel> channels = new ArrayList<>();
            for (var e : keys.entrySet()) {
                channels.add(connect(group, agentPort, e.getKey(), e.getValue(), welcomed, refused));
            }
            if (!welcomed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(welcomed.getCount() + " agents not welcomed; refused: " + refused);
            }
            long online = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM agent WHERE state = 'online'")
                    .mapTo(Long.class).one());
            System.out.printf("%d agents welcomed; registry says %d online%n", agents, online);
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Thread.sleep(5000);
                samples.add(rssMb(controller.pid()));
            }
            long open = channels.stream().filter(Channel::isActive).count();
            System.out.printf("controller RSS with %d agents connected (%d still connected after 60 s of heartbeats):"
                            + " samples %s MB; max %.1f MB (%.2f× idle)%n",
                    agents, open, fmt(samples), Collections.max(samples), Collections.max(samples) / idle);
            System.out.printf("%n| controller RSS idle / with %d agents (max over 60 s) | %.1f / %.1f MB | ≤ 160 MB |%n",
                    agents, idle, Collections.max(samples));
            for (Channel c : channels) c.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            for (Resources r : keep) r.close();
            controller.destroy();
            if (!controller.waitFor(30, TimeUnit.SECONDS)) controller.destroyForcibly().waitFor();
        }
    }

    record Resources(List<AutoCloseable> list) {
        void close() {
            for (AutoCloseable c : list) {
                try {
                    c.close();
                } catch (Exception e) {
                    // ignore
                }
            }
        }
    }

    /** A protocol client: Hello with the session key, then a heartbeat every period the Welcome gives. */
    static Channel connect(EventLoopGroup group, int port, String name, String key, CountDownLatch welcomed,
            Map<String, String> refused) throws InterruptedException {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        MessageCodec.addTo(ch.pipeline());
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<Message>() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(new Hello(ProtocolVersion.CURRENT, "0.1.0", name, key, 1));
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Message m) {
                                if (m instanceof Welcome w) {
                                    welcomed.countDown();
                                    ctx.executor().scheduleAtFixedRate(
                                            () -> ctx.writeAndFlush(new Heartbeat(System.currentTimeMillis(), List.of())),
                                            0, w.heartbeatMillis(), TimeUnit.MILLISECONDS);
                                } else if (m instanceof Refused r) {
                                    refused.put(name, r.toString());
                                }
                            }
                        });
                    }
                })
                .connect("127.0.0.1", port)
                .sync()
                .channel();
    }

    // ------------------------------------------------------------------------------------------
    // Shared
    // ------------------------------------------------------------------------------------------

    static ControllerConfig farmConfig() {
        return ControllerConfig.defaults(work.resolve("state"))
                .withWebPort(0)
                .withWaitForJob(Duration.ZERO)
                .withLocalAgent(new ControllerConfig.LocalAgentConfig("local", 1, List.of(), Optional.empty()));
    }

    static String platform(Jdbi jdbi, String name) {
        PlatformDao p = jdbi.onDemand(PlatformDao.class);
        if (p.find(name, arch).isEmpty()) p.add(name, arch);
        p.activate(name, arch);
        return name + "/" + arch;
    }

    static Path registerHost(Jdbi jdbi, String name, Sshd server, List<String> platforms, int slots) throws IOException {
        Path dir = Files.createDirectories(work.resolve("host-" + name));
        new HostRegistration(jdbi, null).add(
                new HostSpec(name, new Host.SshTarget(server.user(), "127.0.0.1", server.port()), platforms, slots,
                        dir.toString(), "java"),
                HostKeys.parse(server.hostPublicKey()));
        return dir;
    }

    static void awaitOnline(Jdbi jdbi, List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        HostDao hosts = jdbi.onDemand(HostDao.class);
        for (String n : names) {
            while (!hosts.find(n).orElseThrow().state().equals("online")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("host " + n + " not online: " + hosts.find(n).orElseThrow().stateReason());
                }
                Thread.sleep(100);
            }
        }
    }

    static void submit(Farm farm, ControllerConfig config, String platform, String id, Path srpm) throws Exception {
        int exit = PkgforgeCli.run("submit", "-B", bucket(id), "-p", platform, "--id", id, "--target",
                config.dropDir().toString(), srpm.toString());
        if (exit != 0) throw new IllegalStateException("submit failed: " + exit);
        farm.processIncoming();
    }

    /**
     * One bucket (so one repository) per job: every job builds the same NEVRA, and a repository
     * refuses a second build of one NEVRA with other content.
     */
    static String bucket(String id) {
        return "b-" + id;
    }

    static void submitAll(Farm farm, ControllerConfig config, List<String> ids, Path srpm) throws Exception {
        for (String id : ids) submit(farm, config, "bench", id, srpm);
    }

    /** Every task of these jobs succeeded and is published; one light query every 5 ms. */
    static void awaitDone(Jdbi jdbi, List<String> ids, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        String sql = "SELECT count(*) FILTER (WHERE t.status = 'success' AND t.published) || '/' || count(*) || '/'"
                + " || count(*) FILTER (WHERE t.status NOT IN ('success', 'needs_build', 'building'))"
                + " FROM job j JOIN task t ON t.job_id = j.id WHERE j.uuid IN (<ids>)";
        try (var handle = jdbi.open()) {
            while (System.nanoTime() < deadline) {
                String[] s = handle.createQuery(sql).bindList("ids", ids).mapTo(String.class).one().split("/");
                if (!s[2].equals("0")) throw new IllegalStateException("tasks failed among " + ids.get(0) + "…: " + s[2]);
                if (Integer.parseInt(s[1]) == ids.size() && s[0].equals(s[1])) return;
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("timed out waiting for " + ids.get(0) + "…");
    }

    static long agentPid(Path hostDir) {
        try {
            return Long.parseLong(Files.readString(hostDir.resolve("agent.pid")).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** VmRSS from /proc/PID/status, in MB (MiB as the kernel counts kB). */
    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** A private OpenSSH sshd on 127.0.0.1 (as the tests' OpenSshServerFixture). */
    static final class Sshd {
        final Path dir;
        int port;
        Process process;

        Sshd(Path dir) {
            this.dir = dir;
        }

        static Sshd start(Path dir, List<String> authorizedKeys) throws Exception {
            Files.createDirectories(dir);
            Files.createDirectories(Path.of("/run/sshd"));
            Sshd s = new Sshd(dir);
            Files.write(dir.resolve("authorized_keys"), authorizedKeys.stream().map(String::strip).toList());
            sh(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString()));
            s.port = freePort();
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "ListenAddress 127.0.0.1:" + s.port,
                    "HostKey " + dir.resolve("host_key"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "UsePAM no",
                    "StrictModes no",
                    "AllowTcpForwarding yes",
                    "Subsystem sftp internal-sftp",
                    "PrintMotd no",
                    "PrintLastLog no",
                    "MaxStartups 100",
                    "LogLevel INFO",
                    ""));
            s.process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.log").toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!listening(s.port)) {
                if (!s.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("sshd failed: " + Files.readString(dir.resolve("sshd.log")));
                }
                Thread.sleep(50);
            }
            return s;
        }

        int port() {
            return port;
        }

        String user() {
            return System.getProperty("user.name");
        }

        String hostPublicKey() throws IOException {
            String[] parts = Files.readString(dir.resolve("host_key.pub")).strip().split("\\s+");
            return parts[0] + " " + parts[1];
        }

        void stop() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    interface Work {
        void run() throws Exception;
    }

    static double timed(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static String sh(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(cmd + ": " + out);
        return out;
    }

    static int intArg(String[] args, int i, int def) {
        return args.length > i ? Integer.parseInt(args[i]) : def;
    }

    static String fmt(List<Double> v) {
        return v.stream().map(d -> String.format("%.1f", d)).toList().toString();
    }

    static double median(List<Double> v) {
        return pct(v, 50);
    }

    static double pct(List<Double> v, int p) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * s.size()) - 1)));
    }
}
