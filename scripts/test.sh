#!/usr/bin/env bash
# Runs every test of the reactor on a fresh machine: system packages first, then Maven (through
# ./mvnw, which downloads the pinned Maven from Maven Central on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
./mvnw -B -ntp install "$@"
