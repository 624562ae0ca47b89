# Sourced by the build benchmarks: `seconds CMD…` prints the seconds CMD
# took, to the millisecond (its output dropped; a failure stops the caller,
# which runs under `set -e`).
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  printf '%d.%03d' $(((end - start) / 1000000000)) $((((end - start) / 1000000) % 1000))
}
