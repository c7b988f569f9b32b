#!/usr/bin/env bash
# Renders plumb's HTML report in headless Chromium (Debian's chromium package) at 1400x900 and
# checks what a person sees:
#   - the summary counts are shown (count-passed, count-failed, count-skipped, count-findings);
#   - the verdict badge (#status) says a verdict and is readable: visible, non-empty, and its text
#     colour contrasts with its background (WCAG ratio >= 4.5);
#   - no table is wider than the page's content box, the page does not scroll sideways, and no
#     table cell's content spills out of its cell (the Status column of a wide table is on screen).
# The checks run in a script added to a temporary copy of the report (the report itself has no
# script); its results are read back from Chromium's --dump-dom.
# Usage: scripts/html-check.sh REPORT.html [SCREENSHOT.png]
#   SCREENSHOT.png: also save a screenshot at 1400 px wide (height HTML_CHECK_SHOT_HEIGHT, 900).
# Exit 0: renders and passes the checks; 1: it does not; 2: usage; 3: chromium unavailable.
set -euo pipefail
html=${1:?usage: html-check.sh REPORT.html [SCREENSHOT.png]}
shot=${2:-}
width=1400 height=900
[ -f "$html" ] || { echo "html-check: $html does not exist (run 'make run' first)" >&2; exit 2; }
if ! command -v chromium >/dev/null 2>&1; then
  echo "html-check: installing Debian's chromium package" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  if ! { $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }; then
    echo "html-check: could not install chromium" >&2
    exit 3
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=$width,$height)

# The probe: measures the laid-out page and writes one "key=value" line per fact into
# <pre id="html-check">. Values are kept free of <, > and & so --dump-dom shows them verbatim.
probe='<script>
(function () {
  var out = [];
  function put(k, v) { out.push(k + "=" + String(v).replace(/[<>&\n]/g, " ")); }
  function rgb(s) { var m = s.match(/[\d.]+/g) || []; return m.map(Number); }
  function lum(c) {
    var a = c.slice(0, 3).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
  }
  function background(el) {
    for (; el; el = el.parentElement) {
      var c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
    }
    return [255, 255, 255];
  }
  var st = document.getElementById("status");
  if (st) {
    var cs = getComputedStyle(st), r = st.getBoundingClientRect();
    var fg = rgb(cs.color), bg = background(st);
    var l1 = lum(fg), l2 = lum(bg), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    put("status-text", st.textContent.trim());
    put("status-color", cs.color);
    put("status-background", "rgb(" + bg.join(", ") + ")");
    put("status-contrast", ratio.toFixed(2));
    put("status-visible", cs.visibility === "visible" && cs.display !== "none" && parseFloat(cs.opacity) > 0 &&
      r.width > 0 && r.height > 0 && r.top >= 0 && r.top < window.innerHeight);
  }
  var body = document.body, bs = getComputedStyle(body);
  var box = body.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
  var root = document.documentElement;
  put("viewport", root.clientWidth);
  put("content-box", Math.round(box));
  put("page-scroll-width", root.scrollWidth);
  var tables = document.querySelectorAll("table"), wide = [], spills = [];
  for (var i = 0; i < tables.length; i++) {
    var t = tables[i], tr = t.getBoundingClientRect();
    var sec = t.closest("section"), name = (sec && sec.id ? sec.id : "table" + i);
    if (tr.width > box + 1 || tr.right > root.clientWidth) wide.push(name + ":" + Math.round(tr.width));
    var cells = t.querySelectorAll("th, td");
    for (var j = 0; j < cells.length; j++) {
      if (cells[j].scrollWidth > cells[j].clientWidth + 1) { spills.push(name + ":" + cells[j].textContent.trim().slice(0, 40)); break; }
    }
  }
  put("tables", tables.length);
  put("tables-too-wide", wide.join(" ") || "none");
  put("cells-spilling", spills.join(" ") || "none");
  var pre = document.createElement("pre");
  pre.id = "html-check";
  pre.textContent = "\n" + out.join("\n") + "\n";
  body.appendChild(pre);
})();
</script>'
copy="$work/report.html"
# Before the first </body> (or at the end); ENVIRON, not -v, so awk leaves the backslashes alone.
PROBE=$probe awk '!done && (i = index($0, "</body>")) { $0 = substr($0, 1, i - 1) ENVIRON["PROBE"] substr($0, i); done = 1 }
  { print } END { if (!done) print ENVIRON["PROBE"] }' "$html" >"$copy"
dom=$(timeout 60 chromium "${flags[@]}" --dump-dom "file://$copy" 2>/dev/null || true)
if [ -n "$shot" ]; then
  shot_flags=("${flags[@]}")
  shot_flags[${#shot_flags[@]}-1]=--window-size=$width,${HTML_CHECK_SHOT_HEIGHT:-$height}
  timeout 60 chromium "${shot_flags[@]}" --screenshot="$(realpath -m "$shot")" "file://$(realpath "$html")" >/dev/null 2>&1 || true
fi
facts=$(printf '%s' "$dom" | sed -n '/<pre id="html-check">/,/<\/pre>/p' | grep '=' || true)
fact() { printf '%s\n' "$facts" | sed -n "s/^$1=//p" | head -1; }

status=0
fail() { echo "html-check: $*" >&2; status=1; }
[ -n "$facts" ] || { echo "html-check: Chromium rendered nothing measurable from $html" >&2; exit 1; }
for id in count-passed count-failed count-skipped count-findings; do
  value=$(printf '%s' "$dom" | grep -o "id=\"$id\"[^>]*>[0-9]*<" | sed -E 's/.*>([0-9]*)<$/\1/' | head -1)
  if [ -z "$value" ]; then fail "rendered page shows no $id"; else echo "$id: $value"; fi
done

verdict=$(fact status-text)
echo "verdict badge: '$verdict' in $(fact status-color) on $(fact status-background), contrast $(fact status-contrast):1"
case $verdict in
  passed|failed|inconclusive|interrupted|skipped) ;;
  *) fail "the verdict badge (#status) says '$verdict', not a verdict" ;;
esac
[ "$(fact status-visible)" = true ] || fail "the verdict badge is not visible at the top of the page"
awk -v c="$(fact status-contrast)" 'BEGIN { exit !(c + 0 >= 4.5) }' ||
  fail "the verdict badge's text is unreadable: contrast $(fact status-contrast):1 (want >= 4.5)"

echo "layout at ${width}px: viewport $(fact viewport)px, content box $(fact content-box)px, page $(fact page-scroll-width)px wide, $(fact tables) tables"
[ "$(fact tables-too-wide)" = none ] || fail "tables wider than the content box ($(fact content-box)px): $(fact tables-too-wide)"
[ "$(fact page-scroll-width)" -le "$(fact viewport)" ] || fail "the page scrolls sideways: $(fact page-scroll-width)px > $(fact viewport)px"
[ "$(fact cells-spilling)" = none ] || fail "table cells whose content spills out: $(fact cells-spilling)"

[ $status = 0 ] && echo "html-check: $html renders in $(chromium --version 2>/dev/null) and passes"
exit $status
