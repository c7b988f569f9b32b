#!/usr/bin/env bash
# Derives all of Direct Connect from the installed botocore model (plumb derive), then runs
# plumb run and plumb fuzz with that spec against moto_server, and prints a verdict per operation
# of each. The derived spec is the only spec: plumb's own feature files (the three seed
# operations) are replaced by one generated file, so every operation gets scenarios generated
# from the derived spec. plumb fuzz runs against a fresh moto and leaves CreateLag out: a valid
# CreateLag may ask for any numberOfConnections (the model sets no maximum) and moto builds every
# connection asked for, until every later request crawls (moto also runs with its address space
# capped at 2 GiB). Usage: scripts/moto-derived.sh [fuzz budget (default 600)]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$HOME/.pyenv/shims"
command -v moto_server >/dev/null || { echo "NOTICE: moto_server not found; install moto 5.2 (pip install 'moto[server]')" >&2; exit 0; }
python3 -c 'import botocore' 2>/dev/null || { echo "NOTICE: botocore is not installed for python3: nothing to derive" >&2; exit 0; }
budget=${1:-600}
work=$(mktemp -d)
go build -o "$work/plumb" ./cmd/plumb
plumb="$work/plumb"

for svc in directconnect outposts; do
	model=$(ls "$(python3 -c "import importlib.util, os; print(os.path.dirname(importlib.util.find_spec('botocore').origin))")/data/$svc/"*/service-2.json* | tail -1)
	start=$(date +%s%N)
	"$plumb" derive --out "$work/specs" "$model" 2>"$work/derive-$svc.log"
	echo "plumb derive botocore:$svc: $(( ($(date +%s%N) - start) / 1000000 )) ms, $(grep -c 'left out' "$work/derive-$svc.log" || true) members left out (see $work/derive-$svc.log)"
done
spec="$work/specs/directconnect.yaml"
echo "plumb spec list --spec $spec: $("$plumb" spec list --spec "$spec" | tail -1)"

mkdir -p "$work/features"
"$plumb" spec features --spec "$spec" DescribeLocations >"$work/features/DescribeLocations.feature"

moto=""
start_moto() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	(ulimit -v 2097152; exec moto_server -H 127.0.0.1 -p "$port") >>"$work/moto.log" 2>&1 &
	moto=$!
	for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
}
stop_moto() { [ -z "$moto" ] || { kill "$moto" 2>/dev/null; sleep 1; kill -9 "$moto" 2>/dev/null; wait "$moto" 2>/dev/null; moto=""; }; }
trap 'stop_moto || true' EXIT

set +e
start_moto
"$plumb" run --spec "$spec" --features "$work/features" --target "directconnect=http://127.0.0.1:$port" \
	--report-dir "$work/run" --format json,markdown --quiet
run_rc=$?
stop_moto
start_moto
ops=()
for op in $(sed -n 's/^ *operationId: //p' "$spec"); do
	[ "$op" = CreateLag ] || ops+=(--operation "$op")
done
"$plumb" fuzz --spec "$spec" "${ops[@]}" --target "directconnect=http://127.0.0.1:$port" --seed 1 --budget "$budget" --shrink-time 2s \
	--report-dir "$work/fuzz" --format json,markdown --quiet
fuzz_rc=$?
set -e

python3 - "$work/run/plumb-report.json" "$work/fuzz/plumb-report.json" <<'PY'
import collections, json, sys
run, fuzz = (json.load(open(p)) for p in sys.argv[1:3])
ops = {o["operation"]: [o.get("verdict", ""), "(left out)"] for o in run["operations"]}
for o in fuzz["operations"]:
    ops.setdefault(o["operation"], ["", ""])[1] = o.get("verdict", "")
print(f"\n{'OPERATION':52} {'plumb run':14} plumb fuzz")
for name in sorted(ops):
    print(f"{name:52} {ops[name][0]:14} {ops[name][1]}")
for label, r in (("run", run), ("fuzz", fuzz)):
    counts = collections.Counter(o.get("verdict", "") for o in r["operations"])
    causes = collections.Counter()
    seen = set()
    for c in r["rootCauses"]:
        if c["id"] in seen or c.get("severity") != "error":
            continue
        seen.add(c["id"])
        causes[c["check"]] += 1
    print(f"\nplumb {label}: verdict {r['verdict']}; operations {dict(counts)}; root causes (errors) by check {dict(causes)}")
PY
echo "plumb run exit code: $run_rc, plumb fuzz exit code: $fuzz_rc (reports in $work/run and $work/fuzz)"
