#!/usr/bin/env bash
# Runs plumb against moto 5.2's Direct Connect backend (moto has no Outposts backend) and prints
# plumb's terminal summary: the root causes the README quotes. Usage: scripts/moto-run.sh [run|fuzz] [plumb flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$HOME/.pyenv/shims"
command -v moto_server >/dev/null || { echo "NOTICE: moto_server not found; install moto 5.2 (pip install 'moto[server]')" >&2; exit 0; }
engine=${1:-run}; shift || true
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
reports=$(mktemp -d)
set +e
go run ./cmd/plumb "$engine" --target "directconnect=http://127.0.0.1:$port" --report-dir "$reports" "$@"
rc=$?
set -e
echo "plumb $engine exit code: $rc (reports in $reports)"
