#!/usr/bin/env bash
# Runs the farm benchmark: bench/run.sh [JOBS] (default 20). Builds the project first if needed.
# BENCH=SftpBench runs bench/SftpBench.java instead (see bench/run-sftp.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jar=$(ls controller/target/pkgforge-controller-*-all.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
    mvn -B -q -DskipTests -Dspotless.check.skip=true package
    jar=$(ls controller/target/pkgforge-controller-*-all.jar | head -n 1)
fi
exec java ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=bench/logback-bench.xml -cp "$jar" bench/"${BENCH:-FarmBench}".java "${1:-20}"
