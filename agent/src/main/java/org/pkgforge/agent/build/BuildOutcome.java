package org.pkgforge.agent.build;

import java.nio.file.Path;
import java.util.List;
import org.pkgforge.protocol.message.TaskResult.Outcome;

/** How a build ended, and on success the files to hand back. {@code reason} is for users to read. */
public record BuildOutcome(Outcome outcome, String reason, List<Path> products) {
    public BuildOutcome {
        products = List.copyOf(products);
    }

    public static BuildOutcome success(List<Path> products) {
        return new BuildOutcome(Outcome.SUCCESS, "", products);
    }

    /** The package failed to build; retrying elsewhere will not help. */
    public static BuildOutcome fail(String reason) {
        return new BuildOutcome(Outcome.FAIL, reason, List.of());
    }

    /** The farm failed (tool missing, disk full…); the controller retries the task. */
    public static BuildOutcome infraFail(String reason) {
        return new BuildOutcome(Outcome.INFRA_FAIL, reason, List.of());
    }
}
