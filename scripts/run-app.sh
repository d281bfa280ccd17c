#!/usr/bin/env bash
# Builds the debug desktop app and opens its window.
#
# - No $DISPLAY (a server, CI, an SSH session): runs under a virtual X display (Xvfb), so the
#   app still starts; use scripts/e2e.sh to drive or screenshot it.
# - No D-Bus session or Secret Service: starts a private D-Bus session with an unlocked
#   gnome-keyring, so unlocking from the keychain works. (That keyring lives only as long as
#   this run; on a normal desktop the system keychain is used and remembered.)
#
# Usage: scripts/run-app.sh [extra args for the app]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APP="$ROOT/target/debug/wellkept-app"

if [[ "${1:-}" == "--inside-session" ]]; then
  shift
  # Inside our private bus (set up and built already): start an unlocked keyring whose password
  # is thrown away, then the app.
  eval "$(printf 'wellkept-run-app' | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
  export GNOME_KEYRING_CONTROL
  exec "$APP" "$@"
fi

"$ROOT/scripts/setup.sh"
echo "run-app: building the debug app"
cargo build -p wellkept-app

XVFB_PID=""
cleanup() { if [[ -n "$XVFB_PID" ]]; then kill "$XVFB_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  display_file="$(mktemp)"
  exec 3>"$display_file"
  Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  exec 3>&-
  for _ in $(seq 600); do
    [[ -s "$display_file" ]] && break
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.1
  done
  [[ -s "$display_file" ]] || { echo "run-app: Xvfb did not start (is the xvfb package installed?)" >&2; exit 1; }
  export DISPLAY=":$(head -n1 "$display_file")"
  rm -f "$display_file"
  # No GPU behind Xvfb: WebKitGTK's DMA-BUF renderer and compositing would stall painting.
  export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1
  echo "run-app: no display; running under Xvfb on $DISPLAY"
fi

secret_service_up() {
  # A session bus on which the Secret Service is running or can be started.
  [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && command -v dbus-send >/dev/null || return 1
  local method
  for method in ListNames ListActivatableNames; do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus / "org.freedesktop.DBus.$method" 2>/dev/null |
      grep -q '"org.freedesktop.secrets"'; then
      return 0
    fi
  done
  return 1
}

if secret_service_up; then
  "$APP" "$@"
else
  echo "run-app: no Secret Service on a session bus; starting a private D-Bus session with gnome-keyring"
  unset DBUS_SESSION_BUS_ADDRESS
  dbus-run-session -- "$ROOT/scripts/run-app.sh" --inside-session "$@"
fi
