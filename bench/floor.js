#!/usr/bin/env node
// The floor every performance target of docs/performance.md is measured against: js-yaml alone (YAML 1.2 core
// schema) parsing every .yaml/.yml file of a repository, and nothing else: the reference the issue set. itsm now reads
// ticket files with a faster reader of its own (bench/plain-yaml.js compares the two), so it can go below it.
// Dot-folders (.git, .itsm-cache) are skipped, as the loader skips them. Prints the number of documents.
//
//   node bench/floor.js DIR
import jsYaml from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

let documents = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(name)) jsYaml.loadAll(readFileSync(path, 'utf8'), () => documents++, { schema: jsYaml.CORE_SCHEMA });
  }
};

const dir = process.argv[2];
if (dir === undefined) {
  process.stderr.write('usage: node bench/floor.js DIR\n');
  process.exitCode = 2;
} else {
  walk(dir);
  console.log(documents);
}
