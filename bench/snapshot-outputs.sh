#!/usr/bin/env bash
# Writes `kabar extract` output for the seed article, the samples and the dev sentences of ../shared/eval into OUT_DIR, so a
# performance change can be checked to leave every output byte for byte as it was:
#   bench/snapshot-outputs.sh /tmp/before            # on the commit before the change
#   bench/snapshot-outputs.sh /tmp/after             # on the change
#   diff -r /tmp/before /tmp/after && echo identical
# Builds the CLI of the current work tree into a scratch folder first (or uses KABAR_DLL when set).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: bench/snapshot-outputs.sh OUT_DIR}"
mkdir -p "$out"
dll="${KABAR_DLL:-}"
if [ -z "$dll" ]; then
  build="$(mktemp -d)"
  dotnet build "$root/src/Kabar.Cli/Kabar.Cli.csproj" -c Release -o "$build" -nologo -v quiet -p:KabarSkipNpm=true >/dev/null
  dll="$build/kabar.dll"
fi
run() { dotnet "$dll" extract "$@" --quiet; }
shared="$root/../shared"
[ -f "$shared/seed/seed-article-id.txt" ] && run "$shared/seed/seed-article-id.txt" --published 2023-09-21 > "$out/seed.json"
run "$root/samples/id-sudan-evakuasi.txt" --published 2023-04-24 > "$out/id-sudan-evakuasi.json"
run "$root/samples/id-sudan-evakuasi.html" > "$out/id-sudan-evakuasi-html.json"
run "$root/samples/id-laut-cina-selatan.txt" --published 2023-08-07 > "$out/id-laut-cina-selatan.json"
run "$root/samples/en-gaza-aid.txt" --published 2024-03-04 > "$out/en-gaza-aid.json"
run "$root/samples/en-ukraine-grain.txt" --published 2023-08-02 > "$out/en-ukraine-grain.json"
run "$root/samples/en-gaza-aid.txt" --published 2024-03-04 --format text > "$out/en-gaza-aid.txt"
# Dev sentences as batches (the HTML pages are left out: some of them stop a batch; see docs/performance.md).
for f in en-events-dev en-plover-dev id-ner-dev; do
  [ -f "$shared/eval/$f.jsonl" ] && run --jsonl "$shared/eval/$f.jsonl" --published 2023-01-01 > "$out/$f.jsonl"
done
echo "snapshot: $(ls "$out" | wc -l) files in $out"
