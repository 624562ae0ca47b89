#!/usr/bin/env bash
# What building costs, measured side by side in one run on this machine (debug builds):
#   - a dependent: a scratch crate with `ci-errors = { path = … }` (default features), cold;
#   - its baseline: the same scratch crate depending on a copy of ci-errors with no
#     build script that includes generated/error_codes.rs directly, cold;
#   - this repository: `cargo build` at the root (generator on), cold, no-op, and
#     after a one-row edit of both editions of the spec.
# Each cold build has a target directory of its own. Restores the spec on exit.
# Usage: bash benches/rebuild.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-3}
work=$root/target/rebuild-bench
mkdir -p "$work"
backup=$(mktemp -d)
cp spec/error-codes.md spec/error-codes.zh.md "$backup/"
trap 'cp "$backup"/error-codes.md "$backup"/error-codes.zh.md spec/; rm -rf "$backup"' EXIT

# Seconds taken by a command, to the millisecond.
source benches/timing.sh

# A scratch crate depending on the crate at $2 by path.
scratch() {
  rm -rf "$1" && mkdir -p "$1/src"
  printf '[package]\nname = "scratch"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n[dependencies]\nci-errors = { path = "%s" }\n' "$2" > "$1/Cargo.toml"
  echo 'pub use ci_errors::ErrorCode;' > "$1/src/lib.rs"
  cp Cargo.lock "$1/"
}

# The baseline: ci-errors' sources and dependencies, no build script.
baseline=$work/baseline-crate
make_baseline() {
  rm -rf "$baseline" && mkdir -p "$baseline/src"
  cp src/http.rs "$baseline/src/"
  cp generated/error_codes.rs "$baseline/src/generated.rs"
  sed -e '/^#\[cfg(feature = "regenerate")\]$/,+1d' -e 's|^#\[cfg(not(feature = "regenerate"))\]$||' \
      -e 's|include!("../generated/error_codes.rs");|include!("generated.rs");|' src/lib.rs > "$baseline/src/lib.rs"
  printf '[package]\nname = "ci-errors"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n\n[features]\nhttp = []\nserde = []\n\n[dependencies]\nci-errors-runtime = { path = "%s/codegen/runtime" }\n' "$root" > "$baseline/Cargo.toml"
}

build_in() { CARGO_TARGET_DIR=$1/target cargo build -q --offline --manifest-path "$1/Cargo.toml"; }
build_root() { CARGO_TARGET_DIR=$work/root-target cargo build -q --offline; }

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
make_baseline
for run in $(seq 1 "$runs"); do
  scratch "$work/dependent" "$root"
  scratch "$work/dependent-baseline" "$baseline"
  dependent=$(seconds build_in "$work/dependent")
  base=$(seconds build_in "$work/dependent-baseline")
  rm -rf "$work/root-target"
  cold=$(seconds build_root)
  noop=$(seconds build_root)
  printf '| RebuildProbe%s | Added by benches/rebuild.sh. | 503 |\n' "$run" >> spec/error-codes.md
  printf '| RebuildProbe%s | 由 benches/rebuild.sh 添加。 | 503 |\n' "$run" >> spec/error-codes.zh.md
  edit=$(seconds build_root)
  cp "$backup"/error-codes.md "$backup"/error-codes.zh.md spec/
  echo "run $run: dependent cold ${dependent}s | baseline dependent cold ${base}s | ratio $(echo "scale=2; $dependent / $base" | bc)"
  echo "run $run: this repository: cold ${cold}s | no-op ${noop}s | one-row edit of the spec ${edit}s"
done
