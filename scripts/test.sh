#!/usr/bin/env bash
# The test command (README): installs the Debian packages the suite needs when it may (root, or sudo
# without a password), names them in one line when it may not, then runs the whole suite.
#   chromium               the dashboard's browser tests (Playwright drives the system Chromium)
#   dataset-fashion-mnist  the full-data accuracy tests (without it they are skipped, with a reason)
#   iproute2, curl         the network-namespace tests (`ip netns`; curl reads each host's API inside it)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for pkg in dataset-fashion-mnist chromium iproute2 curl; do
    # "installed", not just known to dpkg: a removed package keeps its config files and its status entry
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || missing+=("$pkg")
  done
elif [ ! -x /usr/bin/chromium ]; then
  echo "test: this is not a Debian system; the browser tests need Chromium at /usr/bin/chromium" >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "test: missing Debian packages ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and run ./scripts/test.sh again" >&2
    exit 1
  fi
  echo "test: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# shellcheck source=find-jdk25.sh
. scripts/find-jdk25.sh
learnchain_find_jdk25 || exit 1
echo "test: JDK at $JAVA_HOME"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 # the browser tests use the system Chromium, never a download
exec ./mvnw -B verify "$@"
