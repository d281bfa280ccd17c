#!/usr/bin/env bash
# Builds the release .deb of the desktop app with the Tauri CLI from npm (pinned in
# package-lock.json), then prints where it is and how big.
#
# Usage: scripts/build-deb.sh
# (AppImage is not built: its tooling downloads helpers at build time, which needs the open
# internet; the .deb needs nothing but the toolchain.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh"

npx --no-install tauri build --bundles deb
deb="$(ls -t target/release/bundle/deb/*.deb | head -n1)"
size_bytes="$(stat -c %s "$deb")"
echo "deb: $ROOT/$deb"
echo "size: $size_bytes bytes ($(numfmt --to=iec-i --suffix=B "$size_bytes"))"
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
