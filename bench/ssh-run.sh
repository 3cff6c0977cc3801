#!/usr/bin/env bash
# Runs the build-hosts-over-SSH benchmark (issue 3): bench/ssh-run.sh transfer|dispatch|memory [ARGS].
# Builds the project first if needed. Needs sshd, ssh, scp, rpmbuild on this machine; see docs/benchmarks.md.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jar=${BENCH_JAR:-$(ls controller/target/pkgforge-controller-*-all.jar 2>/dev/null | head -n 1 || true)}
if [ -z "$jar" ]; then
    mvn -B -q -DskipTests -Dspotless.check.skip=true package
    jar=$(ls controller/target/pkgforge-controller-*-all.jar | head -n 1)
fi
exec java ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=bench/logback-bench.xml -cp "$jar" bench/SshBench.java "$@"
