#!/usr/bin/env bash
# Measures what the build script costs a user, on this machine:
#   cold build of ci-errors (build-script dependencies not compiled yet),
#   cold build of ci-errors with them already compiled (`cargo clean -p ci-errors`),
#   no-op `cargo build`, and `cargo build` after a one-row spec edit.
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
  echo "run $run: cold (all deps) ${cold}s | cold ci-errors, build deps compiled ${warm}s | no-op ${noop}s | one-row edit ${edit}s"
done
