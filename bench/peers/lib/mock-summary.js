#!/usr/bin/env node
// mock-summary.js WORK OUT PRISM_VERSION FUZZ_BUDGET FUZZ_SEED MODE...
//
// Summarizes what plumb found in Stoplight Prism's mock server (prism-mock.sh)
// from plumb's JSON reports: per mode and engine, the outcome, then the
// findings grouped by check with the operations, rules and one example
// message each. Writes OUT/prism-mock.md and OUT/prism-mock.json.
'use strict';

const fs = require('fs');
const path = require('path');
const { read, readJSON } = require('./files');

const [work, out, prismVersion, budget, seed, ...modes] = process.argv.slice(2);
if (!work || !out || modes.length === 0) {
  process.stderr.write('usage: mock-summary.js WORK OUT PRISM_VERSION FUZZ_BUDGET FUZZ_SEED MODE...\n');
  process.exit(2);
}

const num = (s) => {
  const n = parseInt(s, 10);
  return Number.isFinite(n) ? n : null;
};
const cell = (v) => String(v).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const short = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const EXIT = { 0: 'conforms', 1: 'non-conformance found', 2: 'usage/config error', 3: 'target unreachable' };

function summarize(mode, engine) {
  const doc = readJSON(path.join(out, 'prism-mock', mode, engine, 'plumb-report.json'));
  const rc = num(read(path.join(work, mode, `${engine}.rc`)));
  const ms = num(read(path.join(work, mode, `${engine}.ms`)));
  if (!doc) {
    const tail = read(path.join(work, mode, `${engine}.out`)).trim().split('\n').slice(-3).join(' | ');
    return { mode, engine, exit_code: rc, ms, error: `no JSON report: ${tail}` };
  }
  const scen = { passed: 0, failed: 0, skipped: 0 };
  for (const s of doc.scenarios || []) scen[s.status] = (scen[s.status] || 0) + 1;
  const byCheck = new Map();
  for (const f of doc.findings || []) {
    if (!byCheck.has(f.check)) byCheck.set(f.check, { check: f.check, findings: 0, occurrences: 0, operations: new Set(), rules: new Set(), example: f.message });
    const g = byCheck.get(f.check);
    g.findings++;
    g.occurrences += f.count || 1;
    if (f.operation) g.operations.add(f.operation);
    if (f.rule || f.path) g.rules.add(`${f.operation} ${[f.path, f.rule].filter(Boolean).join(' ')}`);
  }
  const checks = [...byCheck.values()]
    .sort((a, b) => b.findings - a.findings || a.check.localeCompare(b.check))
    .map((g) => ({ ...g, operations: [...g.operations].sort(), rules: [...g.rules].sort() }));
  return { mode, engine, exit_code: rc, ms, cases: doc.cases, scenarios: scen, findings: (doc.findings || []).length, checks };
}

const results = [];
for (const mode of modes) for (const engine of ['run', 'fuzz']) results.push(summarize(mode, engine));

const md = [];
md.push(`# plumb against Stoplight Prism ${prismVersion}'s mock server`, '');
md.push(
  "Prism serves plumb's own specs (specs/outposts.yaml, specs/directconnect.yaml), one mock per spec. " +
    '`static`: responses built from the schemas; `dynamic`: `-d --seed 1` (json-schema-faker). ' +
    `plumb run (the Gherkin suite) and plumb fuzz --budget ${budget} --seed ${seed}. Reports with full evidence ` +
    '(request, response, curl line, replay files) are under out/prism-mock/MODE/ENGINE/.',
  ''
);
md.push('| mode | engine | exit | scenarios passed/failed/skipped | fuzz cases | findings | wall time |', '| --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  const exit = r.exit_code === null ? '?' : `${r.exit_code} (${EXIT[r.exit_code] || 'unexpected'})`;
  if (r.error) {
    md.push(`| ${r.mode} | ${r.engine} | ${exit} | ${cell(short(r.error, 120))} | | | ${r.ms === null ? '—' : `${(r.ms / 1000).toFixed(1)} s`} |`);
    continue;
  }
  md.push(
    `| ${r.mode} | ${r.engine} | ${exit} | ${r.scenarios.passed}/${r.scenarios.failed}/${r.scenarios.skipped} | ` +
      `${r.engine === 'fuzz' ? r.cases : '—'} | ${r.findings} | ${r.ms === null ? '—' : `${(r.ms / 1000).toFixed(1)} s`} |`
  );
}
md.push('');
for (const r of results) {
  if (r.error || r.checks.length === 0) continue;
  md.push(`## ${r.mode} mock, plumb ${r.engine}: findings by check`, '');
  md.push('| check | findings | operations | rules / paths (up to 6) | example |', '| --- | --- | --- | --- | --- |');
  for (const g of r.checks) {
    const rules = g.rules.slice(0, 6).join('; ') + (g.rules.length > 6 ? `; +${g.rules.length - 6} more` : '');
    md.push(`| ${g.check} | ${g.findings} | ${g.operations.join(', ')} | ${cell(rules || '—')} | ${cell(short(g.example || '', 160))} |`);
  }
  md.push('');
}

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'prism-mock.json'), `${JSON.stringify({ generated: new Date().toISOString(), prism: prismVersion, fuzz_budget: Number(budget), fuzz_seed: Number(seed), results }, null, 2)}\n`);
fs.writeFileSync(path.join(out, 'prism-mock.md'), `${md.join('\n')}\n`);
