#!/usr/bin/env bash
# Retakes docs/screenshots/*.png of the three HTML reports with headless Chromium (Debian's
# `chromium` package) and checks that each page draws all its charts with no console error.
#   docs/screenshots/take-screenshots.sh [QUICKSTART_OUT]
# QUICKSTART_OUT is a quickstart output (default: quickstart-out; made with
# `jobs/bin/pipeline quickstart --output QUICKSTART_OUT` when missing).
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
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
       --disable-background-networking --virtual-time-budget=15000)

# name, report, window size (the funnel shot is the top of the curate report: summary and funnel)
shots_to_take=(
  "curate-funnel $out/curated/report.html 1280,860"
  "curate $out/curated/report.html 1280,3000"
  "tokenize $out/shards/report.html 1280,1500"
  "train $out/run/report.html 1280,1500"
)
status=0
for shot in "${shots_to_take[@]}"; do
  read -r name page size <<<"$shot"
  "$browser" "${flags[@]}" --window-size="$size" --screenshot="$shots/$name.png" "file://$page" 2>/dev/null
  echo "wrote $shots/$name.png"
done
for page in "$out/curated/report.html" "$out/shards/report.html" "$out/run/report.html"; do
  # The page's console goes to stderr with --enable-logging; its DOM, once drawn, to stdout.
  dom=$("$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$page" 2>/tmp/report-console.$$)
  errors=$(grep -E 'CONSOLE|Uncaught' /tmp/report-console.$$ | grep -Eiv ':INFO:|"\[?info' || true)
  specs=$(grep -o 'data-chart="chart-' "$page" | wc -l)
  drawn=$(grep -o '<svg[^>]*class="marks"' <<<"$dom" | wc -l)
  echo "$page: $(stat -c %s "$page") bytes, $drawn of $specs charts drawn, console errors: ${errors:-none}"
  if [[ -n "$errors" || "$drawn" -ne "$specs" ]]; then
    status=1
  fi
  rm -f /tmp/report-console.$$
done
exit $status
