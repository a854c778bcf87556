#!/usr/bin/env bash
# Retakes docs/screenshots/*.png of the three HTML reports with headless Chromium (Debian's
# `chromium` package) and checks that each page draws all its charts with nothing in its console.
#   docs/screenshots/take-screenshots.sh [QUICKSTART_OUT]
# QUICKSTART_OUT is a quickstart output (default: quickstart-out; made with
# `jobs/bin/pipeline quickstart --output QUICKSTART_OUT` when missing).
# Prints, per page, its size, how many of its charts were drawn and its console messages; exits 1
# when a chart is not drawn or the console has any message, 2 when Chromium is missing.
set -euo pipefail

home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
shots="$home/docs/screenshots"
out=$(readlink -f "${1:-$home/quickstart-out}")
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "take-screenshots: no chromium on PATH (Debian: apt-get install -y chromium)" >&2
  exit 2
fi
if [[ ! -f "$out/run/report.html" ]]; then
  "$home/jobs/bin/pipeline" quickstart --output "$out"
fi
# The virtual time budget lets the page's scripts run (vega-embed draws on load) before the
# screenshot or the DOM dump is taken.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
       --disable-background-networking --virtual-time-budget=15000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name, report, window size. Heights end between charts on the quickstart run: the funnel shot is
# the top of the curate report (summary and both funnel charts), the curate shot its first 3000
# pixels (of about 25,000), the tokenize and train shots the whole page.
shots_to_take=(
  "curate-funnel $out/curated/report.html 1280,948"
  "curate $out/curated/report.html 1280,3000"
  "tokenize $out/shards/report.html 1280,1540"
  "train $out/run/report.html 1280,2510"
)
for shot in "${shots_to_take[@]}"; do
  read -r name page size <<<"$shot"
  "$browser" "${flags[@]}" --window-size="$size" --screenshot="$shots/$name.png" "file://$page" 2>/dev/null
  echo "wrote $shots/$name.png ($(stat -c %s "$shots/$name.png") bytes)"
done

status=0
for page in "$out/curated/report.html" "$out/shards/report.html" "$out/run/report.html"; do
  # With --enable-logging=stderr Chromium logs every console message, and uncaught exceptions, as
  # "INFO:CONSOLE..." whatever its level (console.error included), so any such line counts: a
  # report's console should be empty. The DOM, once drawn, goes to stdout.
  "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$page" >"$work/dom" 2>"$work/log"
  console=$(grep -E ':CONSOLE[:(]' "$work/log" | sed -E 's/^\[[^]]*\] *//' || true)
  # (grep finding nothing is an answer here, not a failure of the pipeline)
  specs=$({ grep -o 'data-chart="chart-[0-9]*"' "$page" || true; } | wc -l)
  drawn=$({ grep -o '<svg[^>]*class="marks"' "$work/dom" || true; } | wc -l)
  echo "$page: $(stat -c %s "$page") bytes, $drawn of $specs charts drawn, console messages: ${console:-none}"
  if [[ -n "$console" || "$drawn" -ne "$specs" || "$specs" -eq 0 ]]; then
    status=1
  fi
done
exit $status
