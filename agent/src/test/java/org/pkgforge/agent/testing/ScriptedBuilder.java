package org.pkgforge.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pkgforge.agent.build.BuildOutcome;
import org.pkgforge.agent.build.BuildRequest;
import org.pkgforge.agent.build.Builder;
import org.pkgforge.agent.build.LogSink;

/**
 * A builder without processes, for protocol tests: logs a line, waits until released, then writes
 * the given products. Lets a test decide exactly when a build ends.
 */
public final class ScriptedBuilder implements Builder {
    public static final String NAME = "scripted";

    private final Map<String, byte[]> products;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    public ScriptedBuilder(Map<String, byte[]> products) {
        this.products = products;
    }

    @Override
    public String name() {
        return NAME;
    }

    public boolean awaitStarted() throws InterruptedException {
        return started.await(FakeController.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release() {
        release.countDown();
    }

    @Override
    public BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException {
        log.line("scripted build of " + request.sources().size() + " sources");
        started.countDown();
        release.await();
        Path out = Files.createDirectories(request.dir().resolve("out"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> product : products.entrySet()) {
            files.add(Files.write(out.resolve(product.getKey()), product.getValue()));
        }
        log.line("scripted build done: " + files.size() + " products");
        return BuildOutcome.success(files);
    }
}
