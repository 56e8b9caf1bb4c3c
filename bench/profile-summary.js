#!/usr/bin/env node
// Summarises a V8 CPU profile (`node --cpu-prof ...` writes one .cpuprofile per process): self time per function,
// and per source file, largest first; with --inclusive, also the total time of each function with what it calls
// (a function counted once per sample however deep it recurses), which shows the phases of a run.
//
//   node bench/profile-summary.js FILE.cpuprofile [--top 25] [--inclusive]

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25;
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
// timeDeltas[i] is the time before samples[i]; attribute it to that sample's node.
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url) => url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/').replace(/^node:/, 'node:');
const byFunction = new Map();
const byFile = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url ? `${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}` : '(native)';
  const key = `${callFrame.functionName || '(anonymous)'} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const fileKey = callFrame.url ? shortUrl(callFrame.url) : `(${callFrame.functionName || 'native'})`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
}
const print = (title, map) => {
  console.log(`\n${title}\n| self s | % | where |\n| ---: | ---: | --- |`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${(us / 1e6).toFixed(2)} | ${((100 * us) / total).toFixed(1)} | ${key} |`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
print('By function (self time)', byFunction);
print('By file (self time)', byFile);
if (args.includes('--inclusive')) {
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const keyOf = new Map(profile.nodes.map((n) => [n.id, `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? `${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : '(native)'}`]));
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) seen.add(keyOf.get(at));
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
  print('By function (with what it calls)', inclusive);
}
