# common.sh: shared by run.sh and prism-mock.sh (sourced, not run).
#
# Every long-running process (emulator, Prism) is started with setsid, so it
# leads its own process group; its id goes into $WORK/pids and the EXIT trap
# signals exactly those groups. Nothing is ever killed by name.

PEERS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT_DIR=$(cd "$PEERS_DIR/../.." && pwd)
BIN_DIR="$PEERS_DIR/node_modules/.bin"

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  PATH="$PATH:/usr/local/go/bin"
fi

die() {
  echo "bench/peers: $*" >&2
  exit 2
}

need() {
  command -v "$1" >/dev/null 2>&1 || die "needs $1 on PATH"
}

# setup_work creates $WORK and installs the cleanup trap.
setup_work() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/plumb-peers.XXXXXX")
  : >"$WORK/pids"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

cleanup() {
  local pid
  # Background subject jobs first, so none starts anything new.
  for pid in $(jobs -p); do
    kill -TERM "$pid" 2>/dev/null || true
  done
  if [ -n "${WORK:-}" ] && [ -f "$WORK/pids" ]; then
    while read -r pid; do
      [ -n "$pid" ] || continue
      kill -TERM -- "-$pid" 2>/dev/null || true
    done <"$WORK/pids"
    sleep 0.3
    while read -r pid; do
      [ -n "$pid" ] || continue
      kill -KILL -- "-$pid" 2>/dev/null || true
    done <"$WORK/pids"
  fi
  if [ -n "${WORK:-}" ] && [ "${KEEP_WORK:-0}" != 1 ]; then
    rm -rf "$WORK"
  elif [ -n "${WORK:-}" ]; then
    echo "bench/peers: work files kept in $WORK" >&2
  fi
}

# install_tools runs npm ci when the pinned tools are missing.
install_tools() {
  if [ ! -x "$BIN_DIR/prism" ] || [ ! -x "$BIN_DIR/dredd" ]; then
    echo "bench/peers: installing pinned Prism and Dredd (npm ci)" >&2
    (cd "$PEERS_DIR" && npm ci --no-audit --no-fund >&2)
  fi
  PRISM_VERSION=$(node -p "require('$PEERS_DIR/node_modules/@stoplight/prism-cli/package.json').version")
  DREDD_VERSION=$(node -p "require('$PEERS_DIR/node_modules/dredd/package.json').version")
}

# build_plumb builds the plumb binary into $WORK/bin/plumb.
build_plumb() {
  mkdir -p "$WORK/bin"
  echo "bench/peers: building plumb" >&2
  (cd "$ROOT_DIR" && go build -o "$WORK/bin/plumb" ./cmd/plumb) || die "go build ./cmd/plumb failed"
  PLUMB="$WORK/bin/plumb"
}

# spawn LOG CMD...: start CMD in its own session (process group), output to
# LOG; sets SPAWNED to its pid, which is also its process-group id.
spawn() {
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  SPAWNED=$!
  echo "$SPAWNED" >>"$WORK/pids"
}

# run_group LOG CMD...: run CMD to completion in its own recorded process
# group (so an interrupted bench ends it too); returns CMD's exit code.
run_group() {
  local log=$1 rc=0
  shift
  spawn "$log" "$@"
  wait "$SPAWNED" || rc=$?
  return "$rc"
}

# stop PID: end the process group PID and reap it.
stop() {
  kill -TERM -- "-$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# wait_log PID LOG REGEX [SECONDS]: wait until LOG matches REGEX; fail if PID
# exits first or the time runs out.
wait_log() {
  local pid=$1 log=$2 re=$3 limit=${4:-60} i=0
  while ! grep -Eq "$re" "$log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    i=$((i + 1))
    if [ "$i" -gt $((limit * 10)) ]; then
      return 1
    fi
    sleep 0.1
  done
}

# free_port prints a port that was free on 127.0.0.1 a moment ago. Callers
# retry on a clash (start_prism does).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_emulator LOG [FAULT]: plumb serve on a loopback port the kernel picks;
# sets EMU_PID and EMU_URL.
start_emulator() {
  local log=$1 fault=${2:-}
  if [ -n "$fault" ]; then
    spawn "$log" "$PLUMB" serve --addr 127.0.0.1:0 --fault "$fault"
  else
    spawn "$log" "$PLUMB" serve --addr 127.0.0.1:0
  fi
  EMU_PID=$SPAWNED
  if ! wait_log "$EMU_PID" "$log" 'listening on http://' 30; then
    echo "emulator did not start: $(tr '\n' ' ' <"$log" | cut -c1-300)"
    return 1
  fi
  EMU_URL=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1)
}

# start_prism LOG ARGS...: prism ARGS... -h 127.0.0.1 -p PORT on a free
# port, retrying a few ports; sets PRISM_PID and PRISM_URL.
start_prism() {
  local log=$1 attempt port
  shift
  for attempt in 1 2 3 4; do
    port=$(free_port)
    spawn "$log" "$BIN_DIR/prism" "$@" -h 127.0.0.1 -p "$port"
    PRISM_PID=$SPAWNED
    if wait_log "$PRISM_PID" "$log" 'Prism is listening on' 90; then
      PRISM_URL="http://127.0.0.1:$port"
      return 0
    fi
    stop "$PRISM_PID"
    cp "$log" "$log.attempt$attempt" 2>/dev/null || true
  done
  echo "prism did not start: $(tr '\n' ' ' <"$log" | cut -c1-300)"
  return 1
}

# limit_jobs N: block while N or more background jobs run.
limit_jobs() {
  while [ "$(jobs -rp | wc -l)" -ge "$1" ]; do
    wait -n 2>/dev/null || true
  done
}

# now_ms prints a monotonic-enough wall clock in milliseconds.
now_ms() {
  date +%s%3N
}
