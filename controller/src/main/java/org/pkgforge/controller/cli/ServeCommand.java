package org.pkgforge.controller.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pkgforge.controller.Farm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the controller until it is stopped (SIGTERM / Ctrl-C), like any systemd service. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the controller (foreground).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Override
    public Integer call() throws Exception {
        Farm farm = Farm.start(state.load(Path.of("/var/lib/pkgforge")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            farm.close();
            stopped.countDown();
        }));
        System.out.println("PkgForge controller running; web UI at " + farm.webUrl());
        stopped.await();
        return 0;
    }
}
