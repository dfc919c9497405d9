#!/usr/bin/env bash
# Sourced by .ci/run: Debian's Chromium for the browser tests (Playwright drives it through executable_path;
# Playwright's own browser download does not work on a closed network).
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
command -v chromium >/dev/null 2>&1 || { echo "chromium is still missing after apt-get install" >&2; return 1 2>/dev/null || exit 1; }
