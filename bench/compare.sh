#!/usr/bin/env bash
# Compares the pipeline's speed at two commits, run alternately in fresh processes, so that a change is told apart from the
# machine's drift (on the 2-vCPU VM one run can be 15-30 % slower than the next for every stage at once):
#   bench/compare.sh BASE [NEW] [ROUNDS]      NEW defaults to the work tree, ROUNDS to 3
#   bench/compare.sh HEAD~1                   the last commit against the one before it
# Each side is built (Release, plain JIT build) into a scratch folder, its 3,000 bench outputs are compared byte for byte, and
# `kabar bench --articles 3000 --threads 1 --cold-runs 0` (6,000-article warm-up) is run ROUNDS times per side. Printed per stage:
# the median and the lowest CPU µs per article of each side, and new/base of both. A stage whose median and lowest figure both
# moved, while the stages the change did not touch stayed put, has changed; anything under about 3 % needs more rounds.
# The machine's drift moves every stage of a run together (often by more than a change does), so a second table gives each
# stage's CPU as a multiple of the reference stages' CPU in the same run: the median of those per-run ratios on each side, and
# new/base. Reference stages default to clean, langid, geocode, place-sense and merge; name the ones your change does not
# touch in REFS (REFS="langid geocode merge" bench/compare.sh HEAD~1).
# The launcher's ReadyToRun build is not used: precompiled code tiers up differently and takes longer to settle (docs/performance.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:?usage: bench/compare.sh BASE [NEW] [ROUNDS]}"
new="${2:-}"
rounds="${3:-3}"
scratch="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$scratch/base-src" >/dev/null 2>&1 || true; git -C "$root" worktree remove --force "$scratch/new-src" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT

build() { # build SIDE REV|"" (the work tree)
  local side="$1" rev="$2" src="$root"
  if [ -n "$rev" ]; then
    src="$scratch/$side-src"
    git -C "$root" worktree add --detach --quiet "$src" "$rev"
    [ -d "$root/node_modules" ] && ln -s "$root/node_modules" "$src/node_modules"
  fi
  echo "compare: building $side (${rev:-work tree})" >&2
  dotnet build "$src/src/Kabar.Cli/Kabar.Cli.csproj" -c Release -o "$scratch/$side" -nologo -v quiet -p:KabarSkipNpm=true >/dev/null
}
build base "$base"
build new "$new"

bench() { local side="$1"; shift; dotnet "$scratch/$side/kabar.dll" bench --articles 3000 --cold-runs 0 --threads 1 --root "$root" "$@"; }
echo "compare: checking that both give the same outputs" >&2
bench base --warmup 0 --outputs "$scratch/base.jsonl" >/dev/null 2>&1
bench new --warmup 0 --outputs "$scratch/new.jsonl" >/dev/null 2>&1
if cmp -s "$scratch/base.jsonl" "$scratch/new.jsonl"; then
  echo "outputs   identical (3,000 articles)"
else
  echo "outputs   DIFFER (3,000 articles): the change is not only a speed change"
fi

for round in $(seq "$rounds"); do
  for side in base new; do
    echo "compare: round $round of $rounds, $side" >&2
    # Stage rows are "stage µs CPU-µs share% KB MB/cpu-s"; the summary line gives MB/s per core of the untimed pass.
    bench "$side" 2>/dev/null | awk -v side="$side" -v round="$round" '
      /^(clean|langid|segment|time|quantity|entities|geocode|place-sense|events|merge) / { print side, $1, $3, round; total += $3 }
      /^bench: articles/ { match($0, /mb\/s\/core=[0-9.]+/); print side, "MB/s/core", substr($0, RSTART + 10, RLENGTH - 10), round }
      END { print side, "all-stages", total, round }'
  done
done > "$scratch/runs.txt"

awk -v refs="${REFS:-clean langid geocode place-sense merge}" '
  { v[$1, $2] = v[$1, $2] " " $3; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }; run[$1, $2, $4] = $3 }
  function sorted(s, a,   k, i, j, t) { k = split(s, a, " "); for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j] < a[j-1]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } return k }
  function median(s,   a, k) { k = sorted(s, a); return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  function lowest(s,   a) { sorted(s, a); return a[1] }
  END {
    printf "%-12s %18s %18s %16s\n", "CPU µs", "base median/low", "new median/low", "new/base"
    for (i = 1; i <= n; i++) {
      s = order[i]; bm = median(v["base", s]); nm = median(v["new", s]); bl = lowest(v["base", s]); nl = lowest(v["new", s])
      printf "%-12s %9.1f/%-8.1f %9.1f/%-8.1f %7.3f/%-7.3f\n", s, bm, bl, nm, nl, (bm ? nm / bm : 0), (bl ? nl / bl : 0)
    }
    print "(MB/s/core: higher is faster, its \"low\" column is the slowest run)"
    # Each stage against the reference stages of its own run.
    k = split(refs, ref, " ")
    printf "\n%-12s %18s %18s %16s\n", "CPU / refs", "base median", "new median", "new/base"
    for (i = 1; i <= n; i++) {
      s = order[i]
      if (s == "MB/s/core") continue
      for (side = 1; side <= 2; side++) {
        name = side == 1 ? "base" : "new"; list = ""
        for (r = 1; (name, s, r) in run; r++) {
          sum = 0
          for (j = 1; j <= k; j++) sum += run[name, ref[j], r]
          if (sum > 0) list = list " " run[name, s, r] / sum
        }
        m[side] = list == "" ? 0 : median(list)
      }
      printf "%-12s %18.3f %18.3f %16.3f\n", s, m[1], m[2], (m[1] ? m[2] / m[1] : 0)
    }
    print "(references: " refs "; a reference stage far from 1.000 new/base means they did not drift together: trust the ratios less)"
  }' "$scratch/runs.txt"
