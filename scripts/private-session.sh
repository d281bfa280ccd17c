#!/usr/bin/env bash
# Runs a command inside a private desktop session for tests: its own D-Bus session bus, an
# unlocked gnome-keyring Secret Service (the real OS keychain on Linux), and a private HOME and
# XDG_RUNTIME_DIR, so tests never touch the user's own keyring or files.
#   scripts/private-session.sh cargo test ...
set -euo pipefail

# rustup and cargo live under the real HOME: keep finding them after HOME changes.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"

session_root="$(mktemp -d "${TMPDIR:-/tmp}/wellkept-session.XXXXXX")"
trap 'rm -rf "$session_root"' EXIT
mkdir -p "$session_root/home" "$session_root/run"
chmod 700 "$session_root/run"

export HOME="$session_root/home"
export XDG_RUNTIME_DIR="$session_root/run"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"

# dbus-run-session ends the bus (and the keyring daemon on it) when the command exits.
exec dbus-run-session -- bash -c '
  set -euo pipefail
  # The keyring is created on first unlock with this password and stays unlocked for the session.
  printf %s wellkept-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' wellkept-session "$@" 2> >(grep -v "Failed to set fd limit" >&2)
