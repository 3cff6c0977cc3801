package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pkgforge.agent.build.BuildOptions.ErrorPolicy;

/**
 * Builds the members of a set in order under an error policy, whatever the tool. With
 * {@link ErrorPolicy#RETRY} (the original PkgForge's default) a failed member moves to the next
 * pass, and passes repeat while each builds at least one more member, so a member whose
 * BuildRequires come later in the set still builds; the set fails only when a pass makes no
 * progress. With {@link ErrorPolicy#IMMEDIATE} the first failure ends the set.
 */
public final class SetPasses {
    private static final String AGENT = "pkgforge-agent: ";

    /** Builds one member. A package problem is a {@link Member#failed}; a farm problem throws. */
    @FunctionalInterface
    public interface MemberBuild {
        Member build(Path source) throws IOException, InterruptedException;
    }

    /** How one member's build ended; {@code reason} is for users ("missing BuildRequires: …"). */
    public record Member(boolean built, String reason) {
        public static Member ok() {
            return new Member(true, "");
        }

        public static Member failed(String reason) {
            return new Member(false, reason);
        }
    }

    /** Members that built, in the order they built, and the last reason of each that did not. */
    public record Result(List<Path> built, Map<Path, String> failed) {
        public Result {
            built = List.copyOf(built);
            failed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failed));
        }

        public boolean allBuilt() {
            return failed.isEmpty();
        }

        /** "a.src.rpm: reason; b.src.rpm: reason", the task's failure reason. */
        public String reason() {
            return failed.entrySet().stream()
                    .map(e -> e.getKey().getFileName() + ": " + e.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    private SetPasses() {}

    public static Result run(List<Path> sources, ErrorPolicy policy, MemberBuild build, LogSink log)
            throws IOException, InterruptedException {
        List<Path> built = new ArrayList<>();
        Map<Path, String> failed = new LinkedHashMap<>();
        List<Path> pending = List.copyOf(sources);
        for (int pass = 1; !pending.isEmpty(); pass++) {
            if (pass > 1) {
                log.line(AGENT + "pass " + pass + ": retrying " + names(pending));
            }
            List<Path> again = new ArrayList<>();
            for (Path source : pending) {
                Member member = build.build(source);
                if (member.built()) {
                    built.add(source);
                    failed.remove(source);
                    continue;
                }
                failed.put(source, member.reason());
                log.line(AGENT + source.getFileName() + " failed: " + member.reason());
                if (policy == ErrorPolicy.IMMEDIATE) {
                    return new Result(built, failed);
                }
                again.add(source);
            }
            if (again.size() == pending.size()) {
                break; // no progress in a whole pass: the original's stopping rule
            }
            pending = again;
        }
        return new Result(built, failed);
    }

    private static String names(List<Path> sources) {
        return sources.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    }
}
