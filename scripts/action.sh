#!/usr/bin/env bash
# The shell logic of plumb's GitHub Action (action.yml), kept here so that it runs, and is
# tested, outside GitHub (cmd/plumb/action_external_test.go sets the GitHub variables).
#
#   scripts/action.sh run      run plumb run and/or fuzz (or merge); record exit codes and
#                              report directories in $GITHUB_OUTPUT; never fails itself
#   scripts/action.sh summary  append each plumb-report.md to $GITHUB_STEP_SUMMARY, cut under
#                              $PLUMB_SUMMARY_LIMIT bytes (GitHub takes 1024 KiB per step)
#   scripts/action.sh verdict  exit with plumb's exit code: 0 passes; 1 failed, 2 usage error,
#                              3 unreachable, 4 inconclusive, 130 interrupted all fail the job
#
# Inputs come as INPUT_* variables (the action passes its inputs so): COMMAND (run, fuzz, both
# or merge), TARGET (one --target value per line or space; empty: the embedded emulator), SEED,
# BUDGET, BASELINE, SHARD (K/N), REPORT_DIR, ARGS (more plumb flags), MERGE (the part
# directories plumb merge adds up; globs are expanded), ARTIFACT_NAME. PLUMB_BIN is the plumb
# binary (default: plumb on PATH).
set -uo pipefail

plumb=${PLUMB_BIN:-plumb}
out=${GITHUB_OUTPUT:-/dev/null}
report_dir=${INPUT_REPORT_DIR:-plumb-reports}
limit=${PLUMB_SUMMARY_LIMIT:-1000000} # under GitHub's 1 MiB (1048576 bytes) per step summary

# The directories the reports of each command went to, one per command run.
dirs_of() {
	case "${INPUT_COMMAND:-run}" in
	both) echo "$report_dir/run $report_dir/fuzz" ;;
	*) echo "$report_dir" ;;
	esac
}

# run_one CMD DIR: run one plumb command writing its reports to DIR; prints its exit code.
run_one() {
	local cmd=$1 dir=$2 args=()
	for t in ${INPUT_TARGET:-}; do args+=(--target "$t"); done
	for f in ${INPUT_SPEC:-}; do args+=(--spec "$f"); done
	[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
	if [ -n "${INPUT_SHARD:-}" ]; then args+=(--shard "$INPUT_SHARD"); fi
	if [ "$cmd" = fuzz ]; then
		local seed=${INPUT_SEED:-}
		# The parts of a sharded campaign must share one seed: the workflow run's, unless given.
		if [ -z "$seed" ] && [ -n "${INPUT_SHARD:-}" ]; then seed=${GITHUB_RUN_ID:-}; fi
		[ -n "$seed" ] && args+=(--seed "$seed")
		[ -n "${INPUT_BUDGET:-}" ] && args+=(--budget "$INPUT_BUDGET")
	fi
	# shellcheck disable=SC2206 # ARGS is split on whitespace on purpose: it is a list of flags
	local extra=(${INPUT_ARGS:-})
	echo "::group::plumb $cmd ${args[*]} ${extra[*]}" >&2
	"$plumb" "$cmd" "${args[@]}" "${extra[@]}" --report-dir "$dir" --no-color >&2
	local rc=$?
	echo "::endgroup::" >&2
	echo "$rc"
}

cmd_run() {
	local rc=0 code
	case "${INPUT_COMMAND:-run}" in
	run | fuzz)
		rc=$(run_one "${INPUT_COMMAND:-run}" "$report_dir")
		;;
	both)
		code=$(run_one run "$report_dir/run")
		local fz
		fz=$(run_one fuzz "$report_dir/fuzz")
		rc=$code
		[ "$rc" = 0 ] && rc=$fz
		echo "run-exit-code=$code" >>"$out"
		echo "fuzz-exit-code=$fz" >>"$out"
		;;
	merge)
		local parts=()
		# shellcheck disable=SC2206 # globs in INPUT_MERGE are expanded on purpose
		parts=(${INPUT_MERGE:-})
		"$plumb" merge --report-dir "$report_dir" --no-color "${parts[@]}" >&2
		rc=$?
		;;
	*)
		echo "::error::plumb action: input command must be run, fuzz, both or merge, got '${INPUT_COMMAND}'" >&2
		rc=2
		;;
	esac
	local name=${INPUT_ARTIFACT_NAME:-}
	if [ -z "$name" ]; then
		name=plumb-reports
		[ -n "${INPUT_SHARD:-}" ] && name="plumb-reports-${INPUT_SHARD%/*}-of-${INPUT_SHARD#*/}"
		[ "${INPUT_COMMAND:-run}" = merge ] && name=plumb-reports-merged
	fi
	{
		echo "exit-code=$rc"
		echo "report-dir=$report_dir"
		echo "artifact-name=$name"
	} >>"$out"
	echo "$rc" >"${RUNNER_TEMP:-/tmp}/plumb-exit-code"
	return 0
}

# summary: the Markdown reports, one after the other, cut at a line under the limit.
cmd_summary() {
	local summary=${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set}
	local tmp
	tmp=$(mktemp)
	for d in $(dirs_of); do
		if [ -f "$d/plumb-report.md" ]; then
			cat "$d/plumb-report.md" >>"$tmp"
			echo >>"$tmp"
		else
			echo "plumb: no Markdown report in \`$d\` (see the job log)." >>"$tmp"
		fi
	done
	local size
	size=$(wc -c <"$tmp")
	if [ "$size" -le "$limit" ]; then
		cat "$tmp" >>"$summary"
	else
		local note
		note=$(printf '\n\n> **Summary truncated**: the Markdown report is %d bytes, over the %d bytes a step summary may hold; the whole report is in the uploaded artifact (plumb-report.md, plumb-report.html).\n' "$size" "$limit")
		local keep=$((limit - ${#note} - 1))
		[ "$keep" -lt 0 ] && keep=0
		# Cut at the last whole line that fits, so no character or table row is split.
		head -c "$keep" "$tmp" | sed '$d' >>"$summary"
		printf '%s\n' "$note" >>"$summary"
	fi
	rm -f "$tmp"
}

cmd_verdict() {
	local rc
	rc=$(cat "${RUNNER_TEMP:-/tmp}/plumb-exit-code" 2>/dev/null || echo 2)
	case "$rc" in
	0) echo "plumb: passed" ;;
	1) echo "::error::plumb: FAILED: non-conformance found (exit 1); see the job summary" ;;
	2) echo "::error::plumb: usage or configuration error (exit 2); see the job log" ;;
	3) echo "::error::plumb: the target could not be reached (exit 3)" ;;
	4) echo "::error::plumb: INCONCLUSIVE: the target's answers prove nothing (exit 4); see the job summary" ;;
	130) echo "::error::plumb: interrupted (exit 130)" ;;
	*) echo "::error::plumb: exit $rc" ;;
	esac
	exit "$rc"
}

case "${1:-}" in
run) cmd_run ;;
summary) cmd_summary ;;
verdict) cmd_verdict ;;
*)
	echo "usage: $0 run|summary|verdict" >&2
	exit 2
	;;
esac
