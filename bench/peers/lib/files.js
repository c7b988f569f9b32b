'use strict';
// Tolerant file readers shared by the bench's report scripts: a phase that crashed or timed
// out leaves files missing or half-written, which the tables show as "did not finish".
const fs = require('fs');

function read(file, fallback = '') {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fallback;
  }
}

function readJSON(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return null;
  }
}

module.exports = { read, readJSON };
