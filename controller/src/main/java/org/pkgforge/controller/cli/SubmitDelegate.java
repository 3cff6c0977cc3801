package org.pkgforge.controller.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pkgforge.submit.PkgforgeCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code pkgforge submit ...} on a server: the same command the submit tool provides. */
@Command(name = "submit", description = "Submit source packages as a build job (see: pkgforge submit --help).")
final class SubmitDelegate implements Callable<Integer> {
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>();
        all.add("submit");
        all.addAll(arguments);
        return PkgforgeCli.run(all.toArray(String[]::new));
    }
}
