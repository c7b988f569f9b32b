#!/usr/bin/env bash
# Renders plumb's HTML report in headless Chromium (Debian's chromium package) and checks that
# the rendered page shows the summary counts. Usage: scripts/html-check.sh REPORT.html [SCREENSHOT.png]
# Exit 0: renders and shows the counts; 1: it does not; 2: usage; 3: chromium unavailable.
set -euo pipefail
html=${1:?usage: html-check.sh REPORT.html [SCREENSHOT.png]}
shot=${2:-}
[ -f "$html" ] || { echo "html-check: $html does not exist (run 'make run' first)" >&2; exit 2; }
if ! command -v chromium >/dev/null 2>&1; then
  echo "html-check: installing Debian's chromium package" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  if ! { $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }; then
    echo "html-check: could not install chromium" >&2
    exit 3
  fi
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile")
url="file://$(realpath "$html")"
dom=$(timeout 60 chromium "${flags[@]}" --dump-dom "$url" 2>/dev/null)
if [ -n "$shot" ]; then
  timeout 60 chromium "${flags[@]}" --window-size=1280,2000 --screenshot="$shot" "$url" >/dev/null 2>&1 || true
fi
status=0
for id in count-passed count-failed count-skipped count-findings; do
  value=$(printf '%s' "$dom" | grep -o "id=\"$id\"[^>]*>[0-9]*<" | sed -E 's/.*>([0-9]*)<$/\1/' | head -1)
  if [ -z "$value" ]; then
    echo "html-check: rendered page shows no $id" >&2; status=1
  else
    echo "$id: $value"
  fi
done
[ $status = 0 ] && echo "html-check: $html renders in $(chromium --version) and shows the counts"
exit $status
