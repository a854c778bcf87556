#!/usr/bin/env bash
# Regenerates the language and script codes that curate.filter.by-language accepts, from Debian's
# iso-codes package (apt-get install iso-codes): ISO 639-3 (with the ISO 639-1 code of each
# language that has one; SIL International is its registration authority) and ISO 15924 (scripts,
# for codes such as ckb_Arab). Codes only, one per line, sorted.
#   pipeline-dedup/tools/iso-codes.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
json=/usr/share/iso-codes/json
out="$here/src/main/resources/dev/pretrain/dedup/filter"
version=$(dpkg-query -W -f='${Version}' iso-codes)
python3 - "$json" "$out" "$version" <<'PY'
import json, sys
src, out, version = sys.argv[1:]
languages = json.load(open(f"{src}/iso_639-3.json"))["639-3"]
codes = sorted({l["alpha_3"] for l in languages} | {l["alpha_2"] for l in languages if "alpha_2" in l})
with open(f"{out}/iso-639-codes.txt", "w") as f:
    f.write(f"# ISO 639-3 codes and the ISO 639-1 codes among them; Debian iso-codes {version}, iso_639-3.json\n")
    f.write("\n".join(codes) + "\n")
scripts = sorted(s["alpha_4"] for s in json.load(open(f"{src}/iso_15924.json"))["15924"])
with open(f"{out}/iso-15924-scripts.txt", "w") as f:
    f.write(f"# ISO 15924 script codes; Debian iso-codes {version}, iso_15924.json\n")
    f.write("\n".join(scripts) + "\n")
PY
