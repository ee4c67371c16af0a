#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core, which downloads no browser of its own:
# install the distribution's package when it is missing (as root, or through sudo).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "Chromium is missing: installing Debian's package (needed by the browser tests)" >&2
as_root=""
[ "$(id -u)" = 0 ] || as_root="sudo"
$as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends chromium >/dev/null
