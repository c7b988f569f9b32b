#!/usr/bin/env node
// dredd-spec.js IN.yaml OUT.yaml [NAME=VALUE]...
//
// Writes a copy of one of plumb's OpenAPI specs that Dredd 14 can run. plumb's
// specs carry schemas, not examples, and Dredd's OpenAPI 3 support
// (experimental) cannot invent a required URI parameter or header, so it
// refuses the Outposts spec outright and sends Direct Connect requests with an
// empty X-Amz-Target and no body. The copy changes only what Dredd needs to
// send one valid request per operation; the schemas Dredd checks responses
// against are untouched:
//   - a parameter without example gets one: NAME=VALUE from the command line
//     (the bench passes a ConnectionId it created on the emulator), else the
//     first value of its enum;
//   - a request body without example gets one generated from its schema by
//     json-schema-faker (the generator Prism's own mock uses), required members
//     only, with a fixed seed so every run sends the same body;
//   - responses other than 2xx are dropped: Dredd would send the same valid
//     request and expect each error status in turn, and without hooks there is
//     no way to give those transactions their own request.
// Not worked around, because it cannot be without hooks: Dredd builds bodies
// only for application/json and +json media types, so for awsJson1_1
// (application/x-amz-json-1.1) it sends no request body and checks no
// response body; declaring the body application/json instead makes Dredd send
// Content-Type: application/json, which the protocol rejects (a Content-Type
// header parameter is ignored, as OpenAPI 3 says it must be).
// The original spec is never modified.
'use strict';

const fs = require('fs');
const yaml = require('js-yaml');
const jsf = require('json-schema-faker');

function fail(msg) {
  process.stderr.write(`dredd-spec: ${msg}\n`);
  process.exit(2);
}

const [input, output, ...assignments] = process.argv.slice(2);
if (!input || !output) fail('usage: dredd-spec.js IN.yaml OUT.yaml [NAME=VALUE]...');
const given = {};
for (const a of assignments) {
  const i = a.indexOf('=');
  if (i < 1) fail(`bad NAME=VALUE: ${a}`);
  given[a.slice(0, i)] = a.slice(i + 1);
}

let doc;
try {
  doc = yaml.safeLoad(fs.readFileSync(input, 'utf8'));
} catch (e) {
  fail(`cannot read ${input}: ${e.message}`);
}

// deref inlines local #/components refs; plumb's specs have no cycles, and a
// depth cap keeps a cyclic input from hanging the bench.
function deref(node, depth = 0) {
  if (depth > 50) fail('schema nesting too deep (cyclic $ref?)');
  if (Array.isArray(node)) return node.map((n) => deref(n, depth + 1));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (!node.$ref.startsWith('#/')) fail(`only local refs are supported: ${node.$ref}`);
    let target = doc;
    for (const part of node.$ref.slice(2).split('/')) {
      target = target && target[part];
    }
    if (target === undefined) fail(`unresolved ref ${node.$ref}`);
    return deref(target, depth + 1);
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (!k.startsWith('x-')) out[k] = deref(v, depth + 1);
  }
  return out;
}

// A seeded PRNG (mulberry32) so the generated bodies are the same every run.
let state = 0x9e3779b9;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
jsf.option({ requiredOnly: true, random, alwaysFakeOptionals: false, useExamplesValue: true });

const notes = [];
for (const [path, item] of Object.entries(doc.paths || {})) {
  for (const [method, op] of Object.entries(item)) {
    if (!op || typeof op !== 'object' || !op.responses) continue;
    const name = op.operationId || `${method.toUpperCase()} ${path}`;
    for (const p of op.parameters || []) {
      const param = p.$ref ? deref(p) : p;
      if (param.example !== undefined || (param.schema && param.schema.default !== undefined)) continue;
      if (given[param.name] !== undefined) {
        param.example = given[param.name];
      } else if (param.schema && Array.isArray(param.schema.enum) && param.schema.enum.length > 0) {
        param.example = param.schema.enum[0];
      } else {
        continue;
      }
      notes.push(`${name}: ${param.in} parameter ${param.name} example ${JSON.stringify(param.example)}`);
    }
    const content = (op.requestBody && op.requestBody.content) || {};
    for (const [media, body] of Object.entries(content)) {
      if (body.example !== undefined || body.examples !== undefined || !body.schema) continue;
      body.example = jsf.generate(deref(body.schema));
      notes.push(`${name}: ${media} request body example ${JSON.stringify(body.example)}`);
    }
    for (const code of Object.keys(op.responses)) {
      if (!/^2/.test(code)) {
        delete op.responses[code];
        notes.push(`${name}: dropped response ${code}`);
      }
    }
  }
}

fs.writeFileSync(output, yaml.safeDump(doc, { lineWidth: -1, noRefs: true }));
for (const n of notes) process.stdout.write(`${n}\n`);
