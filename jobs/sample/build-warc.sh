#!/usr/bin/env bash
# Rebuilds the bundled sample's WARC file from the HTML documentation of Debian's libxslt1-dev
# package (MIT licence; the pages of xmlsoft.org/XSLT as the package ships them):
#   jobs/sample/corpus/xmlsoft.warc.gz
#   jobs/sample/licenses/libxslt-copyright.txt
# Usage (from any directory): bash jobs/sample/build-warc.sh
# Needs: bash, apt-get (Debian 12 "bookworm" sources), dpkg-deb, node (>= 18), sha256sum.
# The .deb is fetched with `apt-get download` into a temporary directory; nothing is installed.
# Any bookworm release 1.1.35-1+deb12uN serves: their HTML pages and GIF images are the same
# bytes (checked for u3 and u4), and the build checks the WARC's digest below.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The digest of the WARC this script wrote when it was committed; EXPECTED_SHA256= skips the check.
EXPECTED_SHA256="${EXPECTED_SHA256-5af5b69d1470af8edcb1560c979138c7df78eea93d2f9d88982358288f16276d}"

for tool in apt-get dpkg-deb node sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-warc: '$tool' not found" >&2; exit 1; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/build-warc.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

(cd "$TMP" && apt-get download libxslt1-dev >/dev/null 2>&1) || {
  echo "build-warc: 'apt-get download libxslt1-dev' failed (run 'apt-get update' first?)" >&2; exit 1; }
deb="$(ls "$TMP"/libxslt1-dev_*.deb)"
case "$(basename "$deb")" in
  libxslt1-dev_1.1.35-1+deb12u*) ;;
  *) echo "build-warc: got $(basename "$deb"), not a bookworm 1.1.35-1+deb12uN release" >&2; exit 1 ;;
esac
echo "$(basename "$deb") sha256 $(sha256sum "$deb" | cut -d' ' -f1)" >&2
dpkg-deb -x "$deb" "$TMP/x"
docs="$TMP/x/usr/share/doc/libxslt1-dev/html"

node "$HERE/build-warc.mjs" --docs "$docs" --out "$HERE/corpus/xmlsoft.warc.gz"
mkdir -p "$HERE/licenses"
cp "$TMP/x/usr/share/doc/libxslt1-dev/copyright" "$HERE/licenses/libxslt-copyright.txt"

sum="$(sha256sum "$HERE/corpus/xmlsoft.warc.gz" | cut -d' ' -f1)"
echo "wrote corpus/xmlsoft.warc.gz ($(stat -c %s "$HERE/corpus/xmlsoft.warc.gz") bytes, sha256 $sum)"
if [[ -n "$EXPECTED_SHA256" && "$sum" != "$EXPECTED_SHA256" ]]; then
  echo "build-warc: sha256 differs from EXPECTED_SHA256=$EXPECTED_SHA256" >&2
  exit 1
fi
