#!/usr/bin/env bash
# run.sh: plumb beside Stoplight Prism and Dredd, on plumb's own specs, against
# the same correct emulator and the same named faults.
#
#   ./bench/peers/run.sh                      # every fault in the catalogue
#   FAULTS=lost-connection,null-500 ./bench/peers/run.sh
#
# Environment: FAULTS (comma/space separated; default all), JOBS (subjects at
# once; default nproc), SEED and BUDGET (plumb selftest's fuzz seed and cases
# per subject; default 1 and 1500), OUT (default bench/peers/out), KEEP_WORK=1
# keeps the per-subject logs.
#
# Four timed phases, each over the correct emulator plus every fault:
#   plumb        plumb selftest (run + fuzz against the embedded emulator)
#   prism        plumb serve + two `prism proxy` (one per spec) in front of it,
#                driven by `plumb run`; Prism's response violations are read
#                from its log
#   dredd-as-is  dredd SPEC EMULATOR_URL, for both specs unchanged
#   dredd-ex     dredd on copies with request examples (lib/dredd-spec.js)
# then lib/collect.js prints one summary table and one per-fault table and
# writes out/results.md and out/results.json.
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"

need node
need npm
need go
need curl
need setsid

OUT=${OUT:-$PEERS_DIR/out}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
SEED=${SEED:-1}
BUDGET=${BUDGET:-1500}
SPEC_OUTPOSTS="$ROOT_DIR/specs/outposts.yaml"
SPEC_DX="$ROOT_DIR/specs/directconnect.yaml"

setup_work
install_tools
build_plumb
mkdir -p "$OUT"

# The subjects: "correct" plus the chosen faults, each checked against the
# emulator's catalogue so a typo is an error, not a silently empty row.
"$PLUMB" serve --list-faults >"$WORK/catalogue.txt"
ALL_FAULTS=$(awk '{print $1}' "$WORK/catalogue.txt")
if [ -n "${FAULTS:-}" ]; then
  CHOSEN=$(echo "$FAULTS" | tr ', ' '\n\n' | sed '/^$/d')
  for f in $CHOSEN; do
    grep -qx -- "$f" <<<"$ALL_FAULTS" || die "unknown fault '$f' (see plumb serve --list-faults)"
  done
else
  CHOSEN=$ALL_FAULTS
fi
SUBJECTS="correct $CHOSEN"
echo "bench/peers: $(wc -w <<<"$CHOSEN") faults + the correct emulator, $JOBS at a time" >&2

# ---- phase 1: plumb selftest -------------------------------------------------
phase_plumb() {
  local args=(selftest --seed "$SEED" --budget "$BUDGET" --parallel "$JOBS" --format json,markdown
    --report-dir "$WORK/plumb")
  local f
  if [ -n "${FAULTS:-}" ]; then
    for f in $CHOSEN; do args+=(--fault "$f"); done
  fi
  local rc=0
  run_group "$WORK/plumb.out" "$PLUMB" "${args[@]}" || rc=$?
  echo "$rc" >"$WORK/plumb.rc"
}

# ---- phase 2: Prism proxy driven by plumb run ------------------------------
prism_subject() {
  local subject=$1 dir="$WORK/prism/$1" fault=""
  mkdir -p "$dir"
  [ "$subject" = correct ] || fault=$subject
  local t0
  t0=$(now_ms)
  if ! start_emulator "$dir/emulator.log" "$fault" >"$dir/error"; then return 0; fi
  if ! start_prism "$dir/prism-outposts.log" proxy --errors=false "$SPEC_OUTPOSTS" "$EMU_URL" >"$dir/error"; then
    stop "$EMU_PID"
    return 0
  fi
  local p1=$PRISM_PID u1=$PRISM_URL
  if ! start_prism "$dir/prism-directconnect.log" proxy --errors=false "$SPEC_DX" "$EMU_URL" >"$dir/error"; then
    stop "$p1"
    stop "$EMU_PID"
    return 0
  fi
  local p2=$PRISM_PID u2=$PRISM_URL rc=0
  run_group "$dir/run.out" "$PLUMB" run --target "outposts=$u1" --target "directconnect=$u2" --format json \
    --report-dir "$dir/run" || rc=$?
  echo "$rc" >"$dir/run.rc"
  stop "$p1"
  stop "$p2"
  stop "$EMU_PID"
  : >"$dir/error"
  echo $(($(now_ms) - t0)) >"$dir/ms"
}

# ---- phases 3 and 4: Dredd ---------------------------------------------------
# dredd_one SPEC URL OUTFILE: Dredd's exit code goes to OUTFILE.rc.
dredd_one() {
  local rc=0
  run_group "$3" timeout 300 "$BIN_DIR/dredd" "$1" "$2" --color=false --loglevel=error || rc=$?
  echo "$rc" >"$3.rc"
}

dredd_subject() {
  local mode=$1 subject=$2 dir="$WORK/$1/$2" fault=""
  mkdir -p "$dir"
  [ "$subject" = correct ] || fault=$subject
  local t0
  t0=$(now_ms)
  if ! start_emulator "$dir/emulator.log" "$fault" >"$dir/error"; then return 0; fi
  if [ "$mode" = dredd-as-is ]; then
    dredd_one "$SPEC_OUTPOSTS" "$EMU_URL" "$dir/outposts.txt"
    dredd_one "$SPEC_DX" "$EMU_URL" "$dir/directconnect.txt"
  else
    # The fixture: a connection started the way any client would, so the
    # GetConnection example names an id the emulator knows.
    local key id
    key="$(printf 'A%.0s' $(seq 43))="
    id=$(curl -sS --max-time 10 -X POST "$EMU_URL/connections" -H 'Content-Type: application/json' \
      -d "{\"AssetId\":\"benchfixture\",\"ClientPublicKey\":\"$key\",\"NetworkInterfaceDeviceIndex\":0}" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(String(JSON.parse(s).ConnectionId||""))}catch(e){}})') || true
    echo "$id" >"$dir/fixture-id"
    node "$PEERS_DIR/lib/dredd-spec.js" "$SPEC_OUTPOSTS" "$dir/outposts.yaml" "ConnectionId=${id:-unknown}" >"$dir/outposts.notes"
    node "$PEERS_DIR/lib/dredd-spec.js" "$SPEC_DX" "$dir/directconnect.yaml" >"$dir/directconnect.notes"
    dredd_one "$dir/outposts.yaml" "$EMU_URL" "$dir/outposts.txt"
    dredd_one "$dir/directconnect.yaml" "$EMU_URL" "$dir/directconnect.txt"
  fi
  stop "$EMU_PID"
  : >"$dir/error"
  echo $(($(now_ms) - t0)) >"$dir/ms"
}

# run_phase NAME FUNCTION [ARGS...]: FUNCTION ARGS... SUBJECT for every
# subject, JOBS at a time; the phase's wall time goes to $WORK/NAME.ms.
run_phase() {
  local name=$1 s t0
  shift
  echo "bench/peers: phase $name" >&2
  t0=$(now_ms)
  for s in $SUBJECTS; do
    limit_jobs "$JOBS"
    "$@" "$s" &
  done
  wait
  echo $(($(now_ms) - t0)) >"$WORK/$name.ms"
}

echo "bench/peers: phase plumb (selftest, seed $SEED, budget $BUDGET)" >&2
t0=$(now_ms)
phase_plumb
echo $(($(now_ms) - t0)) >"$WORK/plumb.ms"
run_phase prism prism_subject
run_phase dredd-as-is dredd_subject dredd-as-is
run_phase dredd-ex dredd_subject dredd-ex

node "$PEERS_DIR/lib/collect.js" "$WORK" "$OUT" "$PRISM_VERSION" "$DREDD_VERSION" "$JOBS" "$SEED" "$BUDGET" $SUBJECTS
cat "$OUT/results.md"
