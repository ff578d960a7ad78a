#!/usr/bin/env bash
# Installs the system packages Mnemo's build, tests and demo need (idempotent; needs root or sudo).
set -euo pipefail
# xz-utils and util-linux (setpriv): the postgres tests unpack and run a PostgreSQL server (store-postgres PgServer)
packages=(libfaiss-dev libopenblas-dev fortunes fortunes-zh python3-faiss python3-numpy xz-utils util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
