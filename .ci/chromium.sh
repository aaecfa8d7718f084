#!/usr/bin/env bash
# The dashboard test drives Debian's chromium headless; install it when it is missing (CI images are Debian).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
  else
    echo "chromium is missing: install Debian's chromium package (the dashboard test needs it)" >&2
    exit 1
  fi
fi
