#!/usr/bin/env bash
# End-to-end tests through Wellkept's real window.
#
# Sets up, for this run only: a virtual X display (Xvfb), a private D-Bus session with an
# unlocked gnome-keyring (the real Secret Service the app's keychain unlock talks to), dunst as
# the desktop notification daemon on that bus (tests read what arrived with `dunstctl history`;
# config tests/e2e/dunstrc), a private HOME and XDG_RUNTIME_DIR (so the vault, settings and keyring live in a temp folder), and
# tauri-driver on 127.0.0.1:4444 in front of WebKitWebDriver. Then builds the debug app if
# needed, runs tests/e2e/ with node's test runner, saves screenshots to artifacts/screenshots/,
# and tears everything down, also on failure or Ctrl+C.
#
# Usage: scripts/e2e.sh            (run scripts/setup.sh once first on a fresh machine)
#        scripts/e2e.sh --measure  prints the cold-start and 10,000-entry memory figures instead of
#                                  running the tests (E2E_MEMORY=0 skips the memory one); each also
#                                  launches with --webkit-defaults, and at 10,000 entries the
#                                  bare-window floor (examples/floor), alternating, to compare
#        E2E_KEEP=1 scripts/e2e.sh  keeps the temp folder for inspection
#        E2E_SKIP_BUILD=1 scripts/e2e.sh  uses target/debug/wellkept-app as it is
#        E2E_TESTS="tests/e2e/01-first-run-and-unlock.test.js tests/e2e/03-practice-and-journal.test.js" scripts/e2e.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MODE="test"
if [[ "${1:-}" == "--measure" || "${E2E_MODE:-}" == "measure" ]]; then MODE="measure"; fi
export E2E_MODE="$MODE"

if [[ "${1:-}" != "--inside-session" ]]; then
  for tool in Xvfb dbus-run-session gnome-keyring-daemon dunst dunstctl dbus-send WebKitWebDriver node; do
    command -v "$tool" >/dev/null || { echo "e2e: $tool is missing; run scripts/setup.sh first" >&2; exit 2; }
  done
  command -v tauri-driver >/dev/null || [[ -x "$HOME/.cargo/bin/tauri-driver" ]] ||
    { echo "e2e: tauri-driver is missing; run scripts/setup.sh first" >&2; exit 2; }

  if [[ "${E2E_SKIP_BUILD:-}" != 1 ]]; then
    echo "e2e: building the debug app"
    # --workspace: the app and the seed binary of the oracle tests (wellkept-e2e-seed).
    cargo build --workspace --locked --quiet
  fi

  E2E_ROOT="$(mktemp -d -t wellkept-e2e.XXXXXX)"
  export E2E_ROOT
  XVFB_PID=""
  cleanup_outer() {
    local status=$?
    if [[ -n "$XVFB_PID" ]]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
    if [[ "${E2E_KEEP:-}" == 1 ]]; then echo "e2e: kept $E2E_ROOT"; else rm -rf "$E2E_ROOT"; fi
    exit "$status"
  }
  trap cleanup_outer EXIT
  trap 'exit 130' INT TERM

  # Xvfb picks a free display number itself and writes it to fd 3.
  exec 3>"$E2E_ROOT/display"
  Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp >"$E2E_ROOT/xvfb.log" 2>&1 &
  XVFB_PID=$!
  exec 3>&-
  # Up to 60 s: on a loaded 2-core machine (the suites beside it compiling) Xvfb once took longer
  # than the 5 s this used to allow, with nothing in its log. Stop waiting early if it exited.
  for _ in $(seq 600); do
    [[ -s "$E2E_ROOT/display" ]] && break
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.1
  done
  [[ -s "$E2E_ROOT/display" ]] || { echo "e2e: Xvfb did not start: $(cat "$E2E_ROOT/xvfb.log")" >&2; exit 1; }
  export DISPLAY=":$(head -n1 "$E2E_ROOT/display")"
  echo "e2e: Xvfb on $DISPLAY"

  mkdir -p "$E2E_ROOT/home" "$E2E_ROOT/runtime"
  chmod 700 "$E2E_ROOT/runtime"
  # Everything the app, WebKit and the keyring write goes under the temp folder.
  export REAL_HOME="$HOME"
  export HOME="$E2E_ROOT/home"
  export XDG_RUNTIME_DIR="$E2E_ROOT/runtime"
  export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
  export CARGO_HOME="${CARGO_HOME:-$REAL_HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$REAL_HOME/.rustup}"
  unset DBUS_SESSION_BUS_ADDRESS
  # WebDriver cannot drive native file dialogs, so the tests type paths; a debug build accepts
  # typed paths under these folders only (release builds accept only dialog-picked paths).
  export WELLKEPT_E2E_TYPED_PATHS_UNDER="$E2E_ROOT:$ROOT/tests/fixtures"
  # Xvfb has no GPU: WebKitGTK's DMA-BUF renderer and GPU compositing stall painting there.
  export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1
  # A private session bus that ends (with everything on it) when the inner script ends.
  dbus-run-session -- bash "$ROOT/scripts/e2e.sh" --inside-session
  exit $?
fi

# ---- inside the private D-Bus session -------------------------------------------------------
TAURI_DRIVER="$(command -v tauri-driver || echo "$CARGO_HOME/bin/tauri-driver")"
KEYRING_PID=""
DUNST_PID=""
DRIVER_PID=""
cleanup_inner() {
  local status=$?
  if [[ -n "$DUNST_PID" ]]; then kill "$DUNST_PID" 2>/dev/null || true; wait "$DUNST_PID" 2>/dev/null || true; fi
  if [[ -n "$DRIVER_PID" ]]; then kill "$DRIVER_PID" 2>/dev/null || true; wait "$DRIVER_PID" 2>/dev/null || true; fi
  if [[ -n "$KEYRING_PID" ]]; then kill "$KEYRING_PID" 2>/dev/null || true; fi
  exit "$status"
}
trap cleanup_inner EXIT

# An unlocked login keyring with a throwaway password: the real Secret Service over D-Bus.
eval "$(printf 'e2e-keyring-password' | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
export GNOME_KEYRING_CONTROL
KEYRING_PID="${GNOME_KEYRING_PID:-}"
echo "e2e: gnome-keyring running (pid ${KEYRING_PID:-unknown}) on a private session bus"

# The notification daemon: dunst on this private bus and the Xvfb display, so the reminders the
# app sends arrive here and nowhere else (no desktop's own daemon can see this bus). Its config
# keeps every notification until a test reads them (tests/e2e/lib/notifications.js). The checks
# below ask the bus itself, never org.freedesktop.Notifications: a call to that name would make
# the bus start a second dunst with the default config from Debian's D-Bus activation file.
dunst -config "$ROOT/tests/e2e/dunstrc" >"$E2E_ROOT/dunst.log" 2>&1 &
DUNST_PID=$!
bus() { dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus "$@" 2>/dev/null; }
for _ in $(seq 100); do
  [[ "$(bus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications)" == *true* ]] && break
  sleep 0.1
done
owner_pid="$(bus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.Notifications | awk '{ print $NF }')"
[[ "$owner_pid" == "$DUNST_PID" ]] ||
  { echo "e2e: org.freedesktop.Notifications is not our dunst (owner pid ${owner_pid:-none}): $(cat "$E2E_ROOT/dunst.log")" >&2; exit 1; }
echo "e2e: dunst (pid $DUNST_PID) is the notification server on the private session bus"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# tauri-driver on 4444 (WebKitWebDriver behind it on the next port), or the first free pair
# above when another run on this machine holds them.
# Measure mode: the app appends its own start-up steps here (src-tauri/src/startup_trace.rs).
if [[ "$E2E_MODE" == "measure" ]]; then export WELLKEPT_STARTUP_TRACE="$E2E_ROOT/startup-trace"; fi
PORT="${E2E_PORT:-4444}"
while port_in_use "$PORT" || port_in_use "$((PORT + 1))"; do PORT=$((PORT + 2)); done
"$TAURI_DRIVER" --port "$PORT" --native-port "$((PORT + 1))" --native-driver "$(command -v WebKitWebDriver)" \
  >"$E2E_ROOT/tauri-driver.log" 2>&1 &
DRIVER_PID=$!
export TAURI_DRIVER_PID="$DRIVER_PID"
for _ in $(seq 100); do
  if port_in_use "$PORT"; then break; fi
  sleep 0.1
done
port_in_use "$PORT" || { echo "e2e: tauri-driver did not listen on $PORT: $(cat "$E2E_ROOT/tauri-driver.log")" >&2; exit 1; }
echo "e2e: tauri-driver on 127.0.0.1:$PORT"

# WELLKEPT_APP=target/release/wellkept-app scripts/e2e.sh --measure gives the release figures.
export WELLKEPT_APP="${WELLKEPT_APP:-$ROOT/target/debug/wellkept-app}"
[[ "$WELLKEPT_APP" == /* ]] || WELLKEPT_APP="$ROOT/$WELLKEPT_APP"
export WEBDRIVER_URL="http://127.0.0.1:$PORT"
export SCREENSHOT_DIR="$ROOT/artifacts/screenshots"
mkdir -p "$SCREENSHOT_DIR"
status=0
if [[ "$E2E_MODE" == "measure" ]]; then
  COLD_START_VAULT="a new, empty vault" node tests/e2e/measure/cold-start.mjs || status=$?
  if [[ $status -eq 0 && "${E2E_MEMORY:-1}" != 0 ]]; then
    # memory.mjs fills the vault with 10,000 entries; then the start-up figure again, at that size.
    # Each figure also launches the same build with WebKit as wry leaves it (--webkit-defaults),
    # alternating, and the 10,000-entry start-up also the bare-window floor built next to the
    # app (src-tauri/examples/floor.rs, `cargo build --release --workspace --locked --examples`).
    floor="${WELLKEPT_FLOOR:-$(dirname "$WELLKEPT_APP")/examples/floor}"
    [[ -x "$floor" ]] || { echo "e2e: no floor binary at $floor (build the examples); measuring without it"; floor=""; }
    MEMORY_VARIANTS="--webkit-defaults" MEMORY_TRIM_PROBE=1 node tests/e2e/measure/memory.mjs || status=$?
    [[ $status -ne 0 ]] || WELLKEPT_FLOOR="$floor" COLD_START_VARIANTS="${COLD_START_VARIANTS:---webkit-defaults}" \
      COLD_START_VAULT="10,000 journal entries" node tests/e2e/measure/cold-start.mjs || status=$?
  fi
else
  # The files share one vault (01 makes it), so they run one at a time in name order; node's
  # own directory walk does not promise an order. E2E_TESTS narrows the run to some files.
  mapfile -t files < <(if [[ -n "${E2E_TESTS:-}" ]]; then printf '%s\n' $E2E_TESTS; else ls tests/e2e/*.test.js; fi | sort)
  node --test --test-concurrency=1 "${files[@]}" || status=$?
fi
if [[ $status -ne 0 ]]; then
  echo "e2e: failed; tauri-driver log:" >&2
  tail -n 40 "$E2E_ROOT/tauri-driver.log" >&2 || true
fi
exit $status
