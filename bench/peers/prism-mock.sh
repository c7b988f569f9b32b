#!/usr/bin/env bash
# prism-mock.sh: point plumb at an implementation nobody here wrote: Stoplight
# Prism's mock server, serving plumb's own specs, in static mode (responses
# built from the schemas) and dynamic mode (-d: json-schema-faker, --seed 1).
# For each mode it runs `plumb run` and `plumb fuzz --budget 2000 --seed 1`
# against the two mocks (one per spec) and summarizes plumb's findings by
# check into bench/peers/out/prism-mock.md (and prism-mock.json).
#
# Environment: MODES (default "static dynamic"), FUZZ_BUDGET (2000),
# FUZZ_SEED (1), OUT (bench/peers/out), KEEP_WORK=1 keeps the logs.
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"

need node
need npm
need go
need setsid

OUT=${OUT:-$PEERS_DIR/out}
MODES=${MODES:-static dynamic}
FUZZ_BUDGET=${FUZZ_BUDGET:-2000}
FUZZ_SEED=${FUZZ_SEED:-1}
SPEC_OUTPOSTS="$ROOT_DIR/specs/outposts.yaml"
SPEC_DX="$ROOT_DIR/specs/directconnect.yaml"

setup_work
install_tools
build_plumb
mkdir -p "$OUT/prism-mock"

for mode in $MODES; do
  case $mode in
  static) extra=() ;;
  dynamic) extra=(-d --seed 1) ;;
  *) die "unknown mode '$mode' (static or dynamic)" ;;
  esac
  dir="$WORK/$mode"
  mkdir -p "$dir"
  echo "bench/peers: prism mock ($mode)" >&2
  start_prism "$dir/prism-outposts.log" mock "${extra[@]}" "$SPEC_OUTPOSTS" >"$dir/error" || die "$(cat "$dir/error")"
  p1=$PRISM_PID
  u1=$PRISM_URL
  start_prism "$dir/prism-directconnect.log" mock "${extra[@]}" "$SPEC_DX" >"$dir/error" || die "$(cat "$dir/error")"
  p2=$PRISM_PID
  u2=$PRISM_URL
  # Reports go under OUT so the evidence (requests, responses, curl lines,
  # replay files) stays next to the summary.
  rep="$OUT/prism-mock/$mode"
  rm -rf "$rep"
  mkdir -p "$rep"

  echo "bench/peers:   plumb run" >&2
  t0=$(now_ms)
  rc=0
  run_group "$dir/run.out" "$PLUMB" run --target "outposts=$u1" --target "directconnect=$u2" \
    --format json,markdown --report-dir "$rep/run" || rc=$?
  echo "$rc" >"$dir/run.rc"
  echo $(($(now_ms) - t0)) >"$dir/run.ms"

  echo "bench/peers:   plumb fuzz --budget $FUZZ_BUDGET --seed $FUZZ_SEED" >&2
  t0=$(now_ms)
  rc=0
  run_group "$dir/fuzz.out" "$PLUMB" fuzz --target "outposts=$u1" --target "directconnect=$u2" \
    --budget "$FUZZ_BUDGET" --seed "$FUZZ_SEED" --format json,markdown --report-dir "$rep/fuzz" || rc=$?
  echo "$rc" >"$dir/fuzz.rc"
  echo $(($(now_ms) - t0)) >"$dir/fuzz.ms"

  stop "$p1"
  stop "$p2"
  cp "$dir/run.out" "$rep/run.out"
  cp "$dir/fuzz.out" "$rep/fuzz.out"
done

node "$PEERS_DIR/lib/mock-summary.js" "$WORK" "$OUT" "$PRISM_VERSION" "$FUZZ_BUDGET" "$FUZZ_SEED" $MODES
cat "$OUT/prism-mock.md"
