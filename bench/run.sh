#!/usr/bin/env bash
# Runs a benchmark, building the project first if needed:
#   bench/run.sh [JOBS]                    farm vs raw rpmbuild (default 20 jobs)
#   bench/run.sh claims [TASKS] [ROUNDS]   task claims per second vs pgbench (default 5000 tasks, 3 rounds)
#   BENCH=SftpBench bench/run.sh N         SFTP submissions (see bench/run-sftp.sh)
#   BENCH=ChainBench bench/run.sh [RUNS]   10-package dependency chain, farm vs direct (default 3 runs)
#   BENCH=LogBench bench/run.sh [VIEWERS] [FLOOD_VIEWERS]   live log latency and a 50 MB/s log (default 20, 3)
#   BENCH=JobListBench bench/run.sh 200    web job list over 100,000 jobs, 200 requests per case
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jar=$(ls controller/target/pkgforge-controller-*-all.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
    mvn -B -q -DskipTests -Dspotless.check.skip=true package
    jar=$(ls controller/target/pkgforge-controller-*-all.jar | head -n 1)
fi
if [ "${1:-}" = claims ]; then
    shift
    exec java ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=bench/logback-bench.xml -cp "$jar" bench/ClaimBench.java "$@"
fi
exec java ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=bench/logback-bench.xml -cp "$jar" bench/"${BENCH:-FarmBench}".java "${@:-20}"
