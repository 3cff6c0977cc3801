package org.pkgforge.agent.build;

import java.io.IOException;

/**
 * Builds one task. Runs on the attempt's own thread; an interrupt means the attempt was aborted,
 * and the builder must stop its processes and throw {@link InterruptedException}.
 */
public interface Builder {
    /** The name a TaskAssign uses to pick this builder. */
    String name();

    /**
     * @throws IOException when the farm, not the package, failed (it becomes INFRA_FAIL)
     */
    BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException;
}
