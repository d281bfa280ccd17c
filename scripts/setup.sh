#!/usr/bin/env bash
# Installs what building, running and testing Wellkept's desktop app needs, and nothing twice:
# Debian packages (only those `dpkg -s` says are missing, after one `apt-get update`), the npm
# dev dependencies pinned by package-lock.json, the vendored front-end files, and tauri-driver
# for the end-to-end tests. Fast (about a second) when everything is present.
#
# Usage: scripts/setup.sh          (sudo is used for apt-get only when not root)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# WebKitGTK and friends for Tauri; Xvfb, D-Bus and gnome-keyring for running headless with a
# real Secret Service; WebKitWebDriver for tauri-driver; age for the interop test; fonts so
# screenshots have real text; sqlite3 for the no-lock-in test; poppler-utils and qpdf to check
# exported PDFs; util-linux's prlimit for the full-disk test; x11-utils (xwininfo) to read the
# native window title in the oracle tests; dunst, the notification daemon the reminder test reads;
# syncthing, the real sync engine two of which replicate a vault folder in cli/tests/syncthing_pair.rs,
# and procps (pkill, ps), with which that test switches one of them off.
PACKAGES=(
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  build-essential pkg-config curl file
  xvfb xauth dbus-daemon dbus-x11 gnome-keyring libsecret-tools webkit2gtk-driver
  fonts-dejavu-core age sqlite3 poppler-utils qpdf util-linux x11-utils
  dunst syncthing procps
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then missing+=("$pkg"); fi
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ -f package.json ]]; then
  # npm ci reinstalls from scratch: run it only when package-lock.json changed since the last one.
  stamp="node_modules/.wellkept-lock.sha256"
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "setup: npm ci"
    # package-lock.json lists every platform's optional CLI binary (regenerated with
    # `npm install --package-lock-only`), so `npm ci` accepts it and installs exactly the locked
    # versions without writing the lock. If a future lock drifts and `npm ci` refuses it, the
    # fallback installs without saving (`--no-save`), and the hash check below makes sure the
    # tracked lock is never rewritten by setup.
    if ! npm ci --no-audit --no-fund --loglevel=error 2>"${TMPDIR:-/tmp}/wellkept-npm-ci.log"; then
      echo "setup: npm ci refused the lock file (see ${TMPDIR:-/tmp}/wellkept-npm-ci.log); installing the locked versions with npm install --no-save"
      npm install --no-save --no-audit --no-fund --loglevel=error
    fi
    if [[ "$(sha256sum package-lock.json | cut -d' ' -f1)" != "$want" ]]; then
      echo "setup: npm changed package-lock.json; restore it (git checkout package-lock.json) and regenerate it on purpose with npm install --package-lock-only" >&2
      exit 1
    fi
    echo "$want" >"$stamp"
  fi
  node scripts/vendor-ui.mjs >/dev/null
fi

if ! command -v tauri-driver >/dev/null && [[ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]]; then
  echo "setup: cargo install tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
echo "setup: ready"
