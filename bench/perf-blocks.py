#!/usr/bin/env python3
"""Where inside one JIT-compiled method the samples of a `perf record` fall, block by block, with the block's instructions.

`perf annotate` cannot read the code the JIT wrote, and the runtime's jitdump was not usable here (docs/performance.md, *Ninth
pass*). The JIT can print the code it generates, though, with each basic block's offset; this script puts the two together: it takes
the optimised (Tier1) listing of the method from the JIT's output, the method's address from the perf map the runtime wrote, and
counts the sampled instruction pointers per block. A load that misses the cache shows as samples on the instruction after it.

    DOTNET_JitDisasm='FindDictionaryNames' DOTNET_JitDisasmWithCodeBytes=1 DOTNET_JitStdOutFile=/tmp/jit.asm \\
    DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0 \\
      perf record -D 9000 -F 2999 -o /tmp/perf.data -- dotnet artifacts/cli/kabar.dll bench --articles 3000 --cold-runs 0 --threads 1
    python3 bench/perf-blocks.py /tmp/perf.data /tmp/jit.asm FindDictionaryNames [BLOCKS]

METHOD is a name, or Class:Name when several classes have one (Segmenter:Run). DOTNET_JitDisasm takes several names
separated by spaces, with * for a namespace ('LookUpWords *Segmenter:Run'). BLOCKS: how many blocks to show (10).
"""
import collections
import re
import subprocess
import sys


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    data, listing, method = sys.argv[1], sys.argv[2], sys.argv[3]
    # "Segmenter:Run" or "Run": the class, when given, tells apart methods of one name. The JIT's listing writes "Class:Method(",
    # the perf map "Class::Method(" (nested classes: "Outer+Inner" in both).
    owner, _, name = method.rpartition(":")
    in_map = rf"{re.escape(owner)}::{re.escape(name)}\(" if owner else rf"::{re.escape(name)}\("
    in_listing = rf"\S*{re.escape(owner)}:{re.escape(name)}\(" if owner else rf"\S*:{re.escape(name)}\("
    shown = int(sys.argv[4]) if len(sys.argv) > 4 else 10

    pids = subprocess.run(["perf", "script", "-i", data, "-F", "pid"], capture_output=True, text=True).stdout.split()
    if not pids:
        sys.exit(f"{data}: no samples")
    pid = collections.Counter(pids).most_common(1)[0][0]
    start = size = None
    with open(f"/tmp/perf-{pid}.map") as perf_map:
        for line in perf_map:
            address, length, symbol = line.split(" ", 2)
            if re.search(in_map, symbol) and ("[OptimizedTier1]" in symbol or "[Optimized]" in symbol):
                start, size = int(address, 16), int(length, 16)  # the last one: optimised code can be replaced by a later version
    if start is None:
        sys.exit(f"no optimised code of {method} in /tmp/perf-{pid}.map")

    text = open(listing).read().split("; Assembly listing for method ")
    # Tier1, or FullOpts for a method the JIT optimises at once (one with stackalloc in a loop, say: no tiering, no PGO).
    tier1 = [part for part in text if re.match(in_listing, part) and re.search(r"\((Tier1|Tier0-FullOpts|FullOpts)\)", part.split("\n", 1)[0])]
    if not tier1:
        sys.exit(f"no Tier1 or FullOpts listing of {method} in {listing} (was it in DOTNET_JitDisasm?)")
    blocks = []  # [offset, label, instructions]
    for line in tier1[-1].split("\n"):
        label = re.match(r"(G_M\d+_IG\d+):\s+;; offset=0x([0-9A-F]+)", line)
        if label:
            blocks.append([int(label.group(2), 16), label.group(1), []])
        elif blocks and line.strip():
            blocks[-1][2].append(line.rstrip())

    ips = subprocess.run(["perf", "script", "-i", data, "-F", "ip"], capture_output=True, text=True).stdout.split()
    counts = collections.Counter()
    for ip in ips:
        offset = int(ip, 16) - start
        if 0 <= offset < size:
            counts[max((b for b in blocks if b[0] <= offset), key=lambda b: b[0])[1]] += 1
    total = sum(counts.values())
    print(f"{method}: {total} of {len(ips)} samples ({100 * total / max(1, len(ips)):.1f} %), {len(blocks)} blocks")
    by_label = {b[1]: b for b in blocks}
    for label, count in counts.most_common(shown):
        offset, _, instructions = by_label[label]
        print(f"--- {label} at {offset:#x}: {count} samples ({100 * count / total:.1f} % of the method)")
        for instruction in instructions[:30]:
            print("   ", instruction[:120])


if __name__ == "__main__":
    main()
