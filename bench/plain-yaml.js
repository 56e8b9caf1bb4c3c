#!/usr/bin/env node
// The plain subset's reader (src/load/plain-yaml.ts) against js-yaml on every .yaml/.yml file of a repository, in one
// process: CPU milliseconds of each over all files, per run (the two alternate, so that a busy machine loads both
// alike), median and (min–max) over the runs, and their ratio per run. It first checks that both give the same values
// for every file (deep equality), and counts the files the plain reader does not read and the documents it hands to
// js-yaml. Needs a build (npm run build).
//
//   node bench/plain-yaml.js DIR [--runs 5]
import jsYaml from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readPlainYaml } from '../dist/load/plain-yaml.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
if (dir === undefined || !(runs >= 1)) {
  process.stderr.write('usage: node bench/plain-yaml.js DIR [--runs N]\n');
  process.exit(2);
}

const options = { schema: jsYaml.CORE_SCHEMA, json: false, maxDepth: 100 };
const byJsYaml = (text) => {
  const values = [];
  jsYaml.loadAll(text, (v) => values.push(v), options);
  return values;
};
const files = [];
const walk = (folder) => {
  for (const name of readdirSync(folder)) {
    if (name.startsWith('.')) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(name)) files.push({ path, text: readFileSync(path, 'utf8') });
  }
};
walk(dir);

let notRead = 0;
let handed = 0;
let documents = 0;
let bytes = 0;
for (const { path, text } of files) {
  bytes += Buffer.byteLength(text);
  const expected = byJsYaml(text);
  documents += expected.length;
  const values = readPlainYaml(text, (documentText) => {
    handed++;
    return byJsYaml(documentText);
  });
  if (values === undefined) notRead++;
  else if (!isDeepStrictEqual(values, expected)) {
    process.stderr.write(`${path}: the plain reader and js-yaml disagree\n`);
    process.exit(1);
  }
}

const cpuMs = (work) => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const jsYamlAll = () => {
  for (const { text } of files) byJsYaml(text);
};
const plainAll = () => {
  for (const { text } of files) readPlainYaml(text, byJsYaml) ?? byJsYaml(text);
};
const rows = [];
for (let run = 0; run < runs; run++) {
  const first = run % 2 === 0;
  const a = first ? cpuMs(jsYamlAll) : undefined;
  const plain = cpuMs(plainAll);
  const js = a ?? cpuMs(jsYamlAll);
  rows.push({ js, plain, ratio: plain / js });
  process.stderr.write(`run ${run + 1}/${runs}: js-yaml ${js.toFixed(0)} ms, plain ${plain.toFixed(0)} ms\n`);
}
const stat = (key, digits) => {
  const values = rows.map((r) => r[key]).sort((x, y) => x - y);
  const median = values.length % 2 ? values[(values.length - 1) / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  return `${median.toFixed(digits)} (${values[0].toFixed(digits)}–${values[values.length - 1].toFixed(digits)})`;
};
console.log(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${documents} documents; the same values from both readers; ${notRead} file(s) not read by the plain reader, ${handed} document(s) handed to js-yaml`);
console.log('');
console.log('| runs | js-yaml CPU ms | plain reader CPU ms | plain / js-yaml |');
console.log('| ---: | ---: | ---: | ---: |');
console.log(`| ${runs} | ${stat('js', 0)} | ${stat('plain', 0)} | ${stat('ratio', 2)} |`);
