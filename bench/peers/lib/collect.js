#!/usr/bin/env node
// collect.js WORK OUT PRISM_VERSION DREDD_VERSION JOBS SEED BUDGET SUBJECT...
//
// Reads what run.sh left in WORK and writes OUT/results.json and
// OUT/results.md: one summary table (tool | faults caught | false alarms |
// wall time) and one per-fault table. The counting rules, the same for every
// tool, are the brief's:
//   plumb  selftest's own score (report .score: caught_by_run/fuzz per fault,
//          false alarms against the correct emulator)
//   Prism  caught = a response violation against the faulty emulator that
//          Prism did not also report against the correct one; false alarms =
//          response violations against the correct emulator (request
//          violations are expected: plumb sends invalid input on purpose)
//   Dredd  caught = a transaction failing against the faulty emulator that
//          passed against the correct one; false alarms = transactions
//          failing against the correct one
'use strict';

const fs = require('fs');
const path = require('path');
const { read, readJSON } = require('./files');

const [work, out, prismVersion, dreddVersion, jobs, seed, budget, ...subjects] = process.argv.slice(2);
if (!work || !out || subjects.length === 0) {
  process.stderr.write('usage: collect.js WORK OUT PRISM_VERSION DREDD_VERSION JOBS SEED BUDGET SUBJECT...\n');
  process.exit(2);
}
const faults = subjects.filter((s) => s !== 'correct');

function ms(file) {
  const n = parseInt(read(file, ''), 10);
  return Number.isFinite(n) ? n : null;
}
const stripANSI = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
const secs = (n) => (n === null ? '—' : `${(n / 1000).toFixed(1)} s`);

// The catalogue: name -> class.
const classes = {};
for (const line of read(path.join(work, 'catalogue.txt')).split('\n')) {
  const [name, cls] = line.trim().split(/\s+/);
  if (name) classes[name] = cls;
}

// ---- plumb ------------------------------------------------------------------
const plumbDoc = readJSON(path.join(work, 'plumb', 'plumb-report.json'));
const score = plumbDoc && plumbDoc.score;
const plumbRows = {};
if (score) for (const r of score.rows || []) plumbRows[r.fault] = r;
const plumb = {
  exit_code: parseInt(read(path.join(work, 'plumb.rc'), '-1'), 10),
  score_line: (read(path.join(work, 'plumb.out')).match(/^mutation score:.*$/m) || [''])[0],
  wall_ms: ms(path.join(work, 'plumb.ms')),
  error: score ? null : `no score in selftest report: ${read(path.join(work, 'plumb.out')).trim().split('\n').slice(-3).join(' | ')}`,
};

// ---- Prism ------------------------------------------------------------------
function prismSubject(subject) {
  const dir = path.join(work, 'prism', subject);
  const error = read(path.join(dir, 'error')).trim();
  if (error || !fs.existsSync(path.join(dir, 'ms'))) {
    return { error: error || 'did not finish' };
  }
  const response = new Map(); // signature -> occurrences
  const request = new Map();
  for (const spec of ['outposts', 'directconnect']) {
    for (const line of stripANSI(read(path.join(dir, `prism-${spec}.log`))).split('\n')) {
      const m = line.match(/Violation: (\S+) (.*)$/);
      if (!m) continue;
      const sig = `${spec}: ${m[1]} ${m[2].trim()}`;
      const into = m[1].startsWith('response') ? response : request;
      into.set(sig, (into.get(sig) || 0) + 1);
    }
  }
  const run = readJSON(path.join(dir, 'run', 'plumb-report.json'));
  const failed = run ? run.scenarios.filter((s) => s.status === 'failed') : [];
  return {
    response_violations: Object.fromEntries(response),
    request_violation_kinds: request.size,
    driver: {
      exit_code: parseInt(read(path.join(dir, 'run.rc'), '-1'), 10),
      failed_scenarios: failed.map((s) => `${s.operation}: ${s.name}`),
      findings: run ? run.findings.map((f) => `${f.check} ${f.operation}: ${f.message}`) : [],
    },
    ms: ms(path.join(dir, 'ms')),
  };
}

// ---- Dredd ------------------------------------------------------------------
const TX = /^(pass|fail|skip|error): ([A-Z]+ \(\d+\) \S+)/;

function parseDredd(file) {
  const text = stripANSI(read(file));
  const rc = parseInt(read(`${file}.rc`, '-1'), 10);
  const tx = {};
  let current = null;
  let inReasons = false; // Dredd prints "fail: body: ..." then more "field: ..." lines
  for (const line of text.split('\n')) {
    const m = line.match(TX);
    if (m) {
      const key = m[2].replace(/^(GET \(\d+\) \/connections\/)\S+$/, '$1{ConnectionId}');
      if (!(key in tx)) tx[key] = { status: m[1], reasons: [] };
      current = tx[key];
      inReasons = false;
      continue;
    }
    let r = line.match(/^fail: (headers|body|statusCode|uri|method): (.*)$/);
    if (r) {
      inReasons = true;
    } else if (inReasons) {
      r = line.match(/^(headers|body|statusCode|uri|method): (.*)$/);
      if (!r) inReasons = false;
    }
    if (r && current && current.reasons.length < 4 && !current.reasons.includes(`${r[1]}: ${r[2]}`)) {
      current.reasons.push(`${r[1]}: ${r[2]}`);
    }
  }
  // Lead with the status-code reason: it says most in one line.
  for (const t of Object.values(tx)) t.reasons.sort((a, b) => (b.startsWith('statusCode') ? 1 : 0) - (a.startsWith('statusCode') ? 1 : 0));
  const complete = (text.match(/^complete: \d+ passing.*$/m) || [null])[0];
  if (Object.keys(tx).length === 0) {
    const err = text.split('\n').find((l) => /^error: /.test(l)) || `no transactions (exit ${rc})`;
    const last = text.split('\n').reverse().find((l) => /^error: API description processing error/.test(l));
    return { could_not_run: `${err.replace(/^error: /, '').replace(/ in \/\S+/, '')}${last ? ' (API description processing error)' : ''}`.slice(0, 300), rc };
  }
  return { transactions: tx, complete, rc };
}

function dreddSubject(mode, subject) {
  const dir = path.join(work, mode, subject);
  const error = read(path.join(dir, 'error')).trim();
  if (error || !fs.existsSync(path.join(dir, 'ms'))) return { error: error || 'did not finish' };
  const res = { ms: ms(path.join(dir, 'ms')) };
  for (const spec of ['outposts', 'directconnect']) res[spec] = parseDredd(path.join(dir, `${spec}.txt`));
  const fixture = read(path.join(dir, 'fixture-id')).trim();
  if (fixture) res.fixture_id_has_slash = fixture.includes('/');
  return res;
}

// ---- verdicts -----------------------------------------------------------------
const prism = Object.fromEntries(subjects.map((s) => [s, prismSubject(s)]));
const dredd = {
  'dredd-as-is': Object.fromEntries(subjects.map((s) => [s, dreddSubject('dredd-as-is', s)])),
  'dredd-ex': Object.fromEntries(subjects.map((s) => [s, dreddSubject('dredd-ex', s)])),
};

function prismVerdict(fault) {
  const c = prism.correct;
  const f = prism[fault];
  if (c.error) return { verdict: 'error', evidence: [`correct emulator: ${c.error}`] };
  if (f.error) return { verdict: 'error', evidence: [f.error] };
  const fresh = Object.keys(f.response_violations).filter((sig) => !(sig in c.response_violations));
  return { verdict: fresh.length ? 'caught' : 'missed', evidence: fresh };
}

function dreddVerdict(mode, fault) {
  const c = dredd[mode].correct;
  const f = dredd[mode][fault];
  if (c.error) return { verdict: 'error', evidence: [`correct emulator: ${c.error}`] };
  if (f.error) return { verdict: 'error', evidence: [f.error] };
  const evidence = [];
  let ran = false;
  for (const spec of ['outposts', 'directconnect']) {
    if (!c[spec].transactions || !f[spec].transactions) continue;
    ran = true;
    for (const [key, t] of Object.entries(f[spec].transactions)) {
      const base = c[spec].transactions[key];
      if (base && base.status === 'pass' && (t.status === 'fail' || t.status === 'error')) {
        evidence.push(`${spec}: ${key}${t.reasons.length ? ` (${t.reasons[0]})` : ''}`);
      }
    }
  }
  if (!ran) return { verdict: 'could not run', evidence: [] };
  return { verdict: evidence.length ? 'caught' : 'missed', evidence };
}

function dreddFalseAlarms(mode) {
  const c = dredd[mode].correct;
  if (c.error) return { count: null, detail: [c.error] };
  let count = 0;
  const detail = [];
  for (const spec of ['outposts', 'directconnect']) {
    if (c[spec].could_not_run) {
      detail.push(`${spec}: could not run: ${c[spec].could_not_run}`);
      continue;
    }
    for (const [key, t] of Object.entries(c[spec].transactions)) {
      if (t.status === 'fail' || t.status === 'error') {
        count++;
        detail.push(`${spec}: ${key} ${t.status}s${t.reasons.length ? `: ${t.reasons.join('; ')}` : ''}`);
      }
    }
  }
  return { count, detail };
}

const rows = faults.map((fault) => {
  const p = plumbRows[fault];
  return {
    fault,
    class: classes[fault] || '',
    plumb_run: p ? (p.caught_by_run ? 'caught' : 'missed') : 'error',
    plumb_fuzz: p ? (p.caught_by_fuzz ? 'caught' : 'missed') : 'error',
    prism: prismVerdict(fault),
    dredd_as_is: dreddVerdict('dredd-as-is', fault),
    dredd_examples: dreddVerdict('dredd-ex', fault),
  };
});
const caught = (pick) => rows.filter((r) => pick(r) === 'caught').length;
const N = rows.length;

const prismFA = prism.correct.error
  ? { count: null, detail: [prism.correct.error] }
  : {
      count: Object.keys(prism.correct.response_violations).length,
      occurrences: Object.values(prism.correct.response_violations).reduce((a, b) => a + b, 0),
      detail: Object.entries(prism.correct.response_violations).map(([sig, n]) => `${sig} (×${n})`),
    };
const dreddAsIsFA = dreddFalseAlarms('dredd-as-is');
const dreddExFA = dreddFalseAlarms('dredd-ex');
const couldNotRun = (mode) => {
  const c = dredd[mode].correct;
  return ['outposts', 'directconnect'].filter((s) => c[s] && c[s].could_not_run);
};

const summary = [
  {
    tool: 'plumb run + fuzz (selftest)',
    caught: score ? score.caught_any : null,
    total: score ? score.total : N,
    false_alarms: score ? score.false_alarms_run + score.false_alarms_fuzz : null,
    false_alarm_note: 'scenarios/findings against the correct emulator',
    wall_ms: plumb.wall_ms,
  },
  { tool: 'plumb run (selftest)', caught: caught((r) => r.plumb_run), total: N, false_alarms: score ? score.false_alarms_run : null, wall_ms: null },
  { tool: 'plumb fuzz (selftest)', caught: caught((r) => r.plumb_fuzz), total: N, false_alarms: score ? score.false_alarms_fuzz : null, wall_ms: null },
  {
    tool: `Prism ${prismVersion} proxy (driven by plumb run)`,
    caught: caught((r) => r.prism.verdict),
    total: N,
    false_alarms: prismFA.count,
    false_alarm_occurrences: prismFA.occurrences,
    false_alarm_note: 'distinct response violations against the correct emulator (occurrences: responses flagged)',
    wall_ms: ms(path.join(work, 'prism.ms')),
  },
  {
    tool: `Dredd ${dreddVersion}, specs as-is`,
    caught: caught((r) => r.dredd_as_is.verdict),
    total: N,
    false_alarms: dreddAsIsFA.count,
    false_alarm_note: 'failing transactions against the correct emulator',
    could_not_run: couldNotRun('dredd-as-is'),
    wall_ms: ms(path.join(work, 'dredd-as-is.ms')),
  },
  {
    tool: `Dredd ${dreddVersion}, spec copies with examples`,
    caught: caught((r) => r.dredd_examples.verdict),
    total: N,
    false_alarms: dreddExFA.count,
    false_alarm_note: 'failing transactions against the correct emulator',
    could_not_run: couldNotRun('dredd-ex'),
    wall_ms: ms(path.join(work, 'dredd-ex.ms')),
  },
];

const results = {
  generated: new Date().toISOString(),
  config: { jobs: Number(jobs), selftest_seed: Number(seed), selftest_budget: Number(budget), prism: prismVersion, dredd: dreddVersion, subjects: subjects.length },
  summary,
  faults: rows,
  false_alarms: { prism: prismFA.detail, dredd_as_is: dreddAsIsFA.detail, dredd_examples: dreddExFA.detail },
  plumb,
  prism_driver_on_correct: prism.correct.driver || null,
  raw: { prism, dredd },
};

// ---- markdown -----------------------------------------------------------------
const cell = (v) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const short = (s, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
function verdictCell(v) {
  if (v.verdict !== 'caught') return v.verdict === 'missed' ? '—' : v.verdict;
  const first = v.evidence[0]
    .replace(/statusCode: Expected status code '(\d+)', but got '(\d+)'\./, 'got $2, not $1')
    .replace(/ Response body property /, ' ');
  return `caught: ${short(first, 100)}${v.evidence.length > 1 ? ` (+${v.evidence.length - 1})` : ''}`;
}
const md = [];
md.push('# plumb beside Stoplight Prism and Dredd', '');
md.push(
  `${N} faults + the correct emulator; ${jobs} subjects at a time; plumb selftest seed ${seed}, ` +
    `budget ${budget} fuzz cases per subject; Prism ${prismVersion}, Dredd ${dreddVersion}; ${results.generated}.`,
  ''
);
md.push('| tool | faults caught (n/N) | false alarms | wall time |', '| --- | --- | --- | --- |');
for (const s of summary) {
  let fa = s.false_alarms === null ? 'error' : String(s.false_alarms);
  if (s.false_alarm_occurrences) fa += ` kind, on ${s.false_alarm_occurrences} responses`;
  if (s.could_not_run && s.could_not_run.length) fa += ` (could not run: ${s.could_not_run.join(', ')})`;
  md.push(`| ${cell(s.tool)} | ${s.caught === null ? 'error' : s.caught}/${s.total} | ${cell(fa)} | ${secs(s.wall_ms)} |`);
}
md.push('');
md.push(
  'Wall time is each phase over all subjects with the same parallelism; plumb run and plumb fuzz share the ' +
    'selftest phase. Prism\'s time includes starting two proxies per subject and the plumb run that drives them.',
  ''
);
md.push('## Per fault', '');
md.push('| fault | class | plumb run | plumb fuzz | prism | dredd (as-is) | dredd (examples) |', '| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  md.push(
    `| ${cell(r.fault)} | ${cell(r.class)} | ${r.plumb_run === 'caught' ? 'caught' : r.plumb_run === 'missed' ? '—' : r.plumb_run} | ` +
      `${r.plumb_fuzz === 'caught' ? 'caught' : r.plumb_fuzz === 'missed' ? '—' : r.plumb_fuzz} | ` +
      `${cell(verdictCell(r.prism))} | ${cell(verdictCell(r.dredd_as_is))} | ${cell(verdictCell(r.dredd_examples))} |`
  );
}
const fixtures = Object.values(dredd['dredd-ex']).filter((d) => d && 'fixture_id_has_slash' in d);
if (fixtures.length) {
  md.push(
    '',
    `Dredd (examples) reads GetConnection's id from a connection the bench starts on each emulator first; ` +
      `the id held a \`/\` for ${fixtures.filter((d) => d.fixture_id_has_slash).length} of ${fixtures.length} subjects ` +
      '(ids are random, so whether Dredd exercises an escaped `/` varies between runs).'
  );
}
md.push('');
md.push('## False alarms against the correct emulator', '');
md.push(`- plumb: ${plumb.score_line || plumb.error || 'no score'}`);
md.push(`- Prism (response violations): ${prismFA.detail.length ? '' : 'none'}`);
for (const d of prismFA.detail) md.push(`  - ${short(d, 200)}`);
md.push(`- Dredd, specs as-is: ${dreddAsIsFA.detail.length ? '' : 'none'}`);
for (const d of dreddAsIsFA.detail) md.push(`  - ${short(d, 300)}`);
md.push(`- Dredd, spec copies with examples: ${dreddExFA.detail.length ? '' : 'none'}`);
for (const d of dreddExFA.detail) md.push(`  - ${short(d, 300)}`);
md.push('');
const drv = prism.correct.driver;
if (drv) {
  md.push('## plumb run through the Prism proxies (correct emulator behind them)', '');
  md.push(
    `Exit code ${drv.exit_code}; ${drv.failed_scenarios.length} failed scenario(s). Where plumb fails here and not ` +
      'against the emulator directly, the proxy changed the traffic.',
    ''
  );
  const seen = new Set();
  for (const f of drv.findings) {
    const k = short(f, 220);
    if (!seen.has(k)) {
      seen.add(k);
      md.push(`- ${k}`);
    }
  }
  md.push('');
}

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(path.join(out, 'results.md'), `${md.join('\n')}\n`);
