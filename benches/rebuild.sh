#!/usr/bin/env bash
# Measures what the build script costs a user, on this machine:
#   cold build of ci-errors (build-script dependencies not compiled yet),
#   cold build of ci-errors with them already compiled (`cargo clean -p ci-errors`),
#   no-op `cargo build`, and `cargo build` after a one-row spec edit;
# beside the baseline: the same crate with no build script, including the
# checked-in generated/error_codes.rs directly (cold, and after an edit of it).
# Uses its own target dir and restores the spec on exit. Usage: bash benches/rebuild.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
export CARGO_TARGET_DIR=target/rebuild-bench
spec=spec/error-codes.md
backup=$(mktemp)
cp "$spec" "$backup"
trap 'cp "$backup" "$spec"; rm -f "$backup"' EXIT

# Seconds taken by a command, to the millisecond.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  printf '%d.%03d' $(((end - start) / 1000000000)) $((((end - start) / 1000000) % 1000))
}

build() { cargo build -q -p ci-errors; }

# The baseline crate: same sources and dependencies, no build script.
baseline=$CARGO_TARGET_DIR/baseline-crate
make_baseline() {
  rm -rf "$baseline" && mkdir -p "$baseline/src"
  cp src/xml.rs src/retry.rs "$baseline/src/"
  cp generated/error_codes.rs "$baseline/src/generated.rs"
  sed 's|include!(concat!(env!("OUT_DIR"), "/error_codes.rs"));|include!("generated.rs");|' src/lib.rs > "$baseline/src/lib.rs"
  cp Cargo.lock "$baseline/"
  printf '[package]\nname = "ci-errors"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n[features]\nhttp = []\nserde = []\n\n[dependencies]\nquick-xml = "0.42"\n' > "$baseline/Cargo.toml"
}
baseline_build() { CARGO_TARGET_DIR=$baseline/target cargo build -q --manifest-path "$baseline/Cargo.toml"; }

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
for run in $(seq 1 "$runs"); do
  rm -rf "$CARGO_TARGET_DIR"
  cold=$(seconds build)
  noop=$(seconds build)
  sed -i "s/^| SlowDown /| RebuildProbe$run | Added by benches\/rebuild.sh. | 418 |\n| SlowDown /" "$spec"
  edit=$(seconds build)
  cp "$backup" "$spec"
  build
  cargo clean -q -p ci-errors
  warm=$(seconds build)
  make_baseline
  base_cold=$(seconds baseline_build)
  base_noop=$(seconds baseline_build)
  sed -i 's/^pub enum ErrorCode {/pub enum ErrorCode {\n    RebuildProbe,/' "$baseline/src/generated.rs"
  base_edit=$(seconds baseline_build)
  echo "run $run: build script: cold (all deps) ${cold}s | cold ci-errors, build deps compiled ${warm}s | no-op ${noop}s | one-row edit ${edit}s"
  echo "run $run: baseline (no build script): cold ${base_cold}s | no-op ${base_noop}s | edit of the generated file ${base_edit}s"
done
