#!/bin/sh
# Stands in for xdg-open in the end-to-end tests (WELLKEPT_OPEN_LINK_WITH): records each link the
# app hands to the desktop, one per line, in $WELLKEPT_E2E_LINKS.
printf '%s\n' "$1" >> "$WELLKEPT_E2E_LINKS"
