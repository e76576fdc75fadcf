#!/usr/bin/env bash
# House rules a build cannot check (docs/conventions.md): libraries never speak in
# command-line flags; only the executable (Sources/fnas) turns setting names into flags.
set -euo pipefail
cd "$(dirname "$0")/.."
# A `--word` inside a string literal of a library source; doc comments may mention flags.
hits="$(grep -rnE --include='*.swift' '"[^"]*--[a-z][a-z-]*' Sources | grep -v '^Sources/fnas/' \
        | grep -vE '^[^:]+:[0-9]+:\s*///' || true)"
if [ -n "$hits" ]; then
  echo "check-house: command-line flags in library code (name the setting; Sources/fnas/Support/FlagNames.swift maps it):" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check-house: ok"
