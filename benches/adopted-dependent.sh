#!/usr/bin/env bash
# What a crate adopted with `ci-errors-codegen init` costs its dependents,
# side by side in one run (debug builds, each cold in a target directory of
# its own):
#   - a dependent: a scratch crate with the adopted crate as a path
#     dependency (default features: the checked-in copy, no generator);
#   - its baseline: the same scratch crate depending on a copy of the
#     adopted crate with no build script, which includes the checked-in
#     copy directly.
# The adopted crate is the three-edition page set of the generator's tests
# (codegen/tests/fixtures/pageset), adopted from this checkout. Also prints
# whether the dependent's `cargo tree` holds the generator.
# Usage: bash benches/adopted-dependent.sh [runs]   (default: 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-3}
work=$root/target/adopted-dependent
rm -rf "$work" && mkdir -p "$work"
cargo build -q -p ci-errors-codegen --bin ci-errors-codegen
tool=$root/target/debug/ci-errors-codegen

# The adopted crate.
adopted=$work/adopted
mkdir -p "$adopted/src" "$adopted/spec"
printf '[package]\nname = "adopted"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n' > "$adopted/Cargo.toml"
echo '//! Adopted.' > "$adopted/src/lib.rs"
cp codegen/tests/fixtures/pageset/en.md "$adopted/spec/errors.md"
cp codegen/tests/fixtures/pageset/zh.md "$adopted/spec/errors.zh.md"
cp codegen/tests/fixtures/pageset/ja.md "$adopted/spec/errors.ja.md"
cp Cargo.lock "$adopted/"
(cd "$adopted" && "$tool" init --spec spec/errors.md --translation zh=spec/errors.zh.md \
  --translation ja=spec/errors.ja.md --from-checkout "$root" > /dev/null 2>&1)

# The baseline: the same sources and runtime, no build script, no features.
baseline=$work/baseline
mkdir -p "$baseline/src"
cp "$adopted/generated/errors.rs" "$baseline/src/generated.rs"
printf '//! Adopted, without a build script.\ninclude!("generated.rs");\n' > "$baseline/src/lib.rs"
printf '[package]\nname = "adopted"\nversion = "0.1.0"\nedition = "2021"\nbuild = false\n\n[workspace]\n\n[features]\nbody = []\nhttp = []\n\n[dependencies]\nci-errors-runtime = { path = "%s/codegen/runtime" }\n' "$root" > "$baseline/Cargo.toml"

# A scratch crate depending on the crate at $2 by path.
scratch() {
  rm -rf "$1" && mkdir -p "$1/src"
  printf '[package]\nname = "scratch"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n[dependencies]\nadopted = { path = "%s" }\n' "$2" > "$1/Cargo.toml"
  echo 'pub use adopted::ErrorCode;' > "$1/src/lib.rs"
  cp Cargo.lock "$1/"
}

# Seconds taken by a command, to the millisecond.
source benches/timing.sh

build_in() { CARGO_TARGET_DIR=$1/target cargo build -q --offline --manifest-path "$1/Cargo.toml"; }

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
scratch "$work/dependent" "$adopted"
if CARGO_TARGET_DIR=$work/dependent/target cargo tree -q --offline -e normal,build \
    --manifest-path "$work/dependent/Cargo.toml" | grep -q ci-errors-codegen; then
  echo "the dependent's cargo tree holds ci-errors-codegen"
else
  echo "the dependent's cargo tree holds no generator"
fi
echo "| run | dependent of the adopted crate, cold | baseline (no build script), cold | ratio |"
echo "| --- | --- | --- | --- |"
for run in $(seq 1 "$runs"); do
  scratch "$work/dependent" "$adopted"
  scratch "$work/dependent-baseline" "$baseline"
  dependent=$(seconds build_in "$work/dependent")
  base=$(seconds build_in "$work/dependent-baseline")
  echo "| $run | ${dependent} s | ${base} s | $(echo "scale=2; $dependent / $base" | bc)x |"
done
