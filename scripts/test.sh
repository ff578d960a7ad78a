#!/usr/bin/env bash
# Runs every test of the reactor on a fresh machine: system packages first, then Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mvn -B -ntp verify "$@"
