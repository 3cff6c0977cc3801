package org.pkgforge.controller.sftp;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pkgforge.controller.jobs.JobService;

/**
 * What {@code watch} prints between two looks at a job, koji watch-task style: one line per
 * target that changed state, then a tally, so a long build shows progress without repeating
 * the whole job each time.
 */
final class JobProgress {
    private JobProgress() {}

    static List<String> changes(JobService.JobStatus before, JobService.JobStatus now, LocalTime at) {
        String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> lines = new ArrayList<>();
        if (!before.status().equals(now.status())) {
            lines.add(time + " job " + now.id() + ": " + before.status() + " -> " + now.status()
                    + (now.reason() == null ? "" : " (" + now.reason() + ")"));
        }
        Map<String, JobService.Target> old =
                before.targets().stream().collect(Collectors.toMap(JobService.Target::target, Function.identity()));
        for (JobService.Target t : now.targets()) {
            JobService.Target was = old.get(t.target());
            if (was == null || !was.status().equals(t.status()) || was.attempts() != t.attempts()) {
                lines.add(time + " " + t.target() + ": " + (was == null ? "new" : was.status()) + " -> " + t.status()
                        + (t.attempts() > 1 ? " (attempt " + t.attempts() + ")" : "")
                        + (t.reason() == null ? "" : ": " + t.reason()));
            }
        }
        if (!lines.isEmpty()) {
            lines.add(tally(now));
        }
        return lines;
    }

    /** "2 of 3 targets finished: 1 success, 1 fail; 1 building". */
    static String tally(JobService.JobStatus job) {
        Map<String, Long> byState = job.targets().stream()
                .collect(Collectors.groupingBy(
                        JobService.Target::status, java.util.TreeMap::new, Collectors.counting()));
        long open = byState.getOrDefault("needs_build", 0L) + byState.getOrDefault("building", 0L);
        String finished = byState.entrySet().stream()
                .filter(e -> !e.getKey().equals("needs_build") && !e.getKey().equals("building"))
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String waiting = byState.entrySet().stream()
                .filter(e -> e.getKey().equals("needs_build") || e.getKey().equals("building"))
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        int total = job.targets().size();
        return "  " + (total - open) + " of " + total + " targets finished"
                + (finished.isEmpty() ? "" : ": " + finished)
                + (waiting.isEmpty() ? "" : "; " + waiting);
    }
}
