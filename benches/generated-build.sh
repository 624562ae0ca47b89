#!/usr/bin/env bash
# What the generated code costs to compile, side by side in one run: a crate
# that only includes a generated file (its dependency, the runtime, already
# built), cold debug build of that crate alone, wall time and peak memory of
# the compiler. Specs: the seed (generated/error_codes.rs as checked in), and
# documents made here in the vendor's other styles, generated with the tool:
#   - status-less: API 3.0 style, dotted codes and a remedy column, N rows;
#   - with statuses: the seed's layout, N rows.
# Both profiles: debug (the default) and release (`PROFILES="debug release"`).
# Usage: [PROFILES="debug release"] bash benches/generated-build.sh [ROWS...]   (default: 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/target/generated-build
rm -rf "$work" && mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000)

cargo build -q -p ci-errors-codegen --bin ci-errors-codegen
tool=$root/target/debug/ci-errors-codegen

# spec STYLE ROWS: a document of ROWS rows in STYLE (statusless or status).
spec() {
  awk -v style="$1" -v rows="$2" 'BEGIN {
    print "# Error codes\n"
    per = 100
    for (i = 0; i < rows; i++) {
      if (i % per == 0) {
        printf "\n## Category%d errors\n\n", i / per
        if (style == "statusless") print "| Error Code | Description | Solution |\n| --- | --- | --- |"
        else print "| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |"
      }
      if (style == "statusless") printf "| Category%d.Reason%d | Description of error %d. | Do thing %d. |\n", i / per, i, i, i
      else printf "| Code%d | Description of error %d. | %d |\n", i, i, 400 + i % 100
    }
  }'
}

# generate NAME STYLE ROWS: the generated file for such a spec, in $work/NAME.rs.
generate() {
  local dir=$work/$1-project
  mkdir -p "$dir/spec"
  spec "$2" "$3" > "$dir/spec/errors.md"
  printf '[package]\nname = "x"\n[package.metadata.ci-errors-codegen]\nspecs = [{ path = "spec/errors.md" }]\nchecked-in = "errors.rs"\n' > "$dir/Cargo.toml"
  (cd "$dir" && "$tool" generate --manifest-path Cargo.toml > /dev/null)
  cp "$dir/errors.rs" "$work/$1.rs"
}

profiles=(${PROFILES:-debug})

# build NAME PROFILE: cold build of a crate that includes $work/NAME.rs; prints "seconds peak-MB".
build() {
  local flag=""
  [ "$2" = release ] && flag="--release"
  local dir=$work/$1-crate
  mkdir -p "$dir/src"
  cp "$work/$1.rs" "$dir/src/generated.rs"
  echo 'include!("generated.rs");' > "$dir/src/lib.rs"
  printf '[package]\nname = "generated-%s"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n[features]\nserde = []\n\n[dependencies]\nci-errors-runtime = { path = "%s/codegen/runtime" }\n' "$1" "$root" > "$dir/Cargo.toml"
  cp Cargo.lock "$dir/"
  (cd "$dir" && cargo build -q --offline $flag 2> /dev/null && cargo clean -q $flag -p "generated-$1")
  local start end peak
  start=$(date +%s%N)
  peak=$( (cd "$dir" && /usr/bin/time -f '%M' cargo build -q --offline $flag 2>&1 >/dev/null) | tail -1)
  end=$(date +%s%N)
  printf '%d.%02d %d' $(((end - start) / 1000000000)) $((((end - start) / 10000000) % 100)) $((peak / 1024))
}

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
echo "| spec | rows | generated lines | profile | build | peak memory |"
echo "| --- | --- | --- | --- | --- | --- |"
cp generated/error_codes.rs "$work/seed.rs"
for profile in "${profiles[@]}"; do
  read -r secs mb <<< "$(build seed "$profile")"
  echo "| the seed | $(grep -c '^| ' spec/error-codes.md) table lines | $(wc -l < "$work/seed.rs") | $profile | ${secs} s | ${mb} MB |"
done
for rows in "${sizes[@]}"; do
  for style in statusless status; do
    generate "$style-$rows" "$style" "$rows"
    for profile in "${profiles[@]}"; do
      read -r secs mb <<< "$(build "$style-$rows" "$profile")"
      echo "| $style, made here | $rows | $(wc -l < "$work/$style-$rows.rs") | $profile | ${secs} s | ${mb} MB |"
    done
  done
done
