package org.pkgforge.protocol.message;

/** A message about one attempt of one task; the controller checks the attempt on every one. */
public interface TaskScoped {
    long taskId();

    int attempt();
}
