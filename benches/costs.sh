#!/usr/bin/env bash
# What hostile documents cost the generator, at two sizes side by side in one
# run: the time and peak memory of `dump --lenient` (release build) on inputs
# made here, and the ratio between the sizes (linear costs give about 8x for
# 8x the input). Each input once caused a blow-up (see README, "Reliability").
# Usage: bash benches/costs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/costs
rm -rf "$work" && mkdir -p "$work"
cargo build -q --release -p ci-errors-codegen --bin ci-errors-codegen
tool=$(pwd)/target/release/ci-errors-codegen

# make KIND N: an input of size N.
make() {
  awk -v kind="$1" -v n="$2" 'BEGIN {
    head = "| Error Code | HTTP Status Code | Description |\n|---|---|---|"
    if (kind == "statuses") {                       # N statuses in one cell
      printf "%s\n| A | ", head
      for (i = 0; i < n; i++) printf "%s%d", (i ? ", " : ""), 100 + i % 500
      print " | d |"
    } else if (kind == "codes") {                   # N codes in one cell, one per line
      printf "%s\n| ", head
      for (i = 0; i < n; i++) printf "%sCode%d", (i ? "<br>" : ""), i
      print " | 400 | d |"
    } else if (kind == "spans") {                   # a cell spanning every row and 1000 columns
      printf "<table><tr><th>Error Code</th><th>HTTP Status Code</th></tr><tr><td>A</td><td rowspan=0 colspan=1000>400 %2000s</td></tr>", ""
      for (i = 0; i < n; i++) printf "<tr><td>B%d</td></tr>", i
      print "</table>"
    } else if (kind == "rows") {                    # N ordinary rows, the baseline
      print head
      for (i = 0; i < n; i++) printf "| Code%d | %d | Description %d. |\n", i, 400 + i % 100, i
    }
  }' > "$work/$1-$2.md"
}

# run FILE: "seconds peak-MB" of dump --lenient.
run() {
  local start end peak
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$work/peak" "$tool" dump --lenient "$1" > /dev/null 2>&1 || true
  peak=$(tail -1 "$work/peak")
  end=$(date +%s%N)
  printf '%d.%03d %d' $(((end - start) / 1000000000)) $((((end - start) / 1000000) % 1000)) $((peak / 1024))
}

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
echo "| input | 1,000: time, peak | 8,000: time, peak | time ratio |"
echo "| --- | --- | --- | --- |"
for kind in rows statuses codes spans; do
  make "$kind" 1000
  make "$kind" 8000
  read -r t1 m1 <<< "$(run "$work/$kind-1000.md")"
  read -r t8 m8 <<< "$(run "$work/$kind-8000.md")"
  ratio=$(echo "scale=1; ($t8 + 0.0005) / ($t1 + 0.0005)" | bc)
  echo "| $kind | ${t1} s, ${m1} MB | ${t8} s, ${m8} MB | ${ratio}x |"
done
