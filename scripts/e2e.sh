#!/usr/bin/env bash
# End-to-end checks of the built `fnas` binary: every script in scripts/e2e/ runs in turn.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product fnas >/dev/null
bin="$(swift build --show-bin-path)/fnas"
passed=0; failed=0
for t in scripts/e2e/*.sh; do
  [ -e "$t" ] || continue
  if FNAS="$bin" bash "$t"; then passed=$((passed+1)); echo "e2e: $(basename "$t") ok"
  else failed=$((failed+1)); echo "e2e: $(basename "$t") FAILED"; fi
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
