#!/usr/bin/env bash
# What a staleness test costs an adopter, side by side in one run: a crate
# adopted with `ci-errors-codegen init` (from this checkout), cold
# `cargo test` with a fresh target directory each time, in two forms:
#   - without a staleness test (nor the generator as a dev-dependency);
#   - with the test `init` writes: `ci-errors-codegen` as a dev-dependency,
#     `Builder::check_checked_in` (a diff, and the update variable honoured).
# Dependents pay for neither: see benches/adopted-dependent.sh.
# Usage: bash benches/staleness-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/target/staleness-test
rm -rf "$work" && mkdir -p "$work"
cargo build -q -p ci-errors-codegen --bin ci-errors-codegen
tool=$root/target/debug/ci-errors-codegen

# adopt DIR: a fresh crate adopted for a small spec.
adopt() {
  mkdir -p "$1/src" "$1/spec"
  printf '[package]\nname = "adopted"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n' > "$1/Cargo.toml"
  echo '//! Adopted.' > "$1/src/lib.rs"
  printf '# Errors\n\n| HTTP Status Code | Error Code | Description |\n| --- | --- | --- |\n| 403 Forbidden | AccessDenied | Access denied. |\n| 404 Not Found | NoSuchKey | No such key. |\n' > "$1/spec/errors.md"
  cp Cargo.lock "$1/"
  (cd "$1" && "$tool" init --spec spec/errors.md --from-checkout "$root" > /dev/null)
}

# measure DIR: wall time of a cold `cargo test` there.
measure() {
  local start end
  start=$(date +%s%N)
  (cd "$1" && cargo test -q --offline > /dev/null 2>&1)
  end=$(date +%s%N)
  printf '%d.%01d s' $(((end - start) / 1000000000)) $((((end - start) / 100000000) % 10))
}

adopt "$work/none" && rm "$work/none/tests/errors_are_current.rs"
sed -i '/^\[dev-dependencies\]$/,/^$/d' "$work/none/Cargo.toml"
adopt "$work/init"

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
echo "| staleness test | cold \`cargo test\` |"
echo "| --- | --- |"
echo "| none | $(measure "$work/none") |"
echo "| the one \`init\` writes (\`check_checked_in\`, the generator a dev-dependency) | $(measure "$work/init") |"
