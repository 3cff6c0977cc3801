package org.pkgforge.webapp.store;

import java.util.List;

/** The queue page's data, read in one snapshot: waiting tasks in claim order and every agent. */
public record QueueSnapshot(List<QueuedTask> tasks, List<PlatformState> platforms, List<AgentRow> agents) {}
