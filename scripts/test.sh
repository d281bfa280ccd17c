#!/usr/bin/env bash
# Runs every test of the project, after installing what they need (scripts/setup.sh).
# This is the README's test command, and what CI runs (.ci/run).
#
#   1. formatting and lints: rustfmt, clippy (-D warnings), eslint
#   2. front-end unit tests (node --test)
#   3. the Rust workspace: unit and integration tests (real files, real processes), then the
#      real-keychain tests, inside a private D-Bus session with gnome-keyring
#   4. end to end through the real window: Xvfb + tauri-driver + WebKitWebDriver
#   5. git status is clean: no test rewrote a tracked file or left an untracked one
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

step() { printf '\n=== %s\n' "$*"; }

step "Formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
npm run --silent lint

step "Front-end unit tests"
npm test --silent

step "Rust tests (unit, integration, crash, real keychain)"
scripts/private-session.sh bash -c '
  set -euo pipefail
  cargo test --workspace --locked
  cargo test --workspace --locked --test keychain -- --ignored
'

step "End-to-end tests through the real window"
# --all-targets: the same units `cargo test --workspace` just built, so nothing recompiles. A plain
# `cargo build --workspace` leaves the dev-dependencies out of feature unification, and four
# crates (serde_json, num-traits, num-bigint, nom) then get other features, which rebuilt
# everything above them: 1 min 16 s of a cold run (docs/performance.md, 2026-12-04).
cargo build --workspace --all-targets --locked
E2E_SKIP_BUILD=1 scripts/e2e.sh

step "The working tree is as the tests found it"
# Nothing above may rewrite a tracked file or leave an untracked one behind (a rewritten
# package-lock.json once went unnoticed this way); artifacts/, node_modules/ and target/ are ignored.
changed="$(git status --porcelain)"
if [[ -n "$changed" ]]; then
  printf 'test: the tests changed the working tree:\n%s\n' "$changed" >&2
  exit 1
fi

step "All tests passed"
