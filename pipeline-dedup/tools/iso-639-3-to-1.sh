#!/usr/bin/env bash
# Regenerates the ISO 639-3 -> ISO 639-1 table by which the fasttext language engine names the
# languages of models labelled with 639-3 codes (GlotLID: __label__eng_Latn -> en), from Debian's
# iso-codes package (apt-get install iso-codes). One "alpha_3<TAB>alpha_2" line per language that
# has a 639-1 code, sorted.
#   bash pipeline-dedup/tools/iso-639-3-to-1.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(dpkg-query -W -f='${Version}' iso-codes)
python3 - /usr/share/iso-codes/json/iso_639-3.json "$here/src/main/resources/dev/pretrain/dedup/filter/iso-639-3-to-1.txt" "$version" <<'PY'
import json, sys
src, out, version = sys.argv[1:]
pairs = sorted((l["alpha_3"], l["alpha_2"]) for l in json.load(open(src))["639-3"] if "alpha_2" in l)
with open(out, "w") as f:
    f.write(f"# ISO 639-3 code, tab, its ISO 639-1 code; Debian iso-codes {version}, iso_639-3.json (pipeline-dedup/tools/iso-639-3-to-1.sh)\n")
    f.writelines(f"{a}\t{b}\n" for a, b in pairs)
PY
