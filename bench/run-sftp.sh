#!/usr/bin/env bash
# Runs the SFTP submission benchmark: bench/run-sftp.sh [CLIENTS] (default 50); see docs/benchmarks.md.
# Needs /usr/sbin/sshd and /usr/bin/sftp (OpenSSH) for the comparison run.
BENCH=SftpBench exec "$(dirname "$0")/run.sh" "${1:-50}"
