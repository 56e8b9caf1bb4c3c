// Writes the JSON Schemas in schemas/ from the zod schemas of the model (src/schemas/json-schema.ts).
// Runs on the build output: `npm run build && npm run schemas`. With --check it writes nothing and exits 1 when
// the committed files are out of date (test/schemas/drift.test.ts checks the same thing in the test suite).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outDir = fileURLToPath(new URL('../schemas/', import.meta.url));
const check = process.argv.includes('--check');

let generateJsonSchemas;
try {
  ({ generateJsonSchemas } = await import('../dist/schemas/json-schema.js'));
} catch (error) {
  process.stderr.write(`itsm: cannot load dist/schemas/json-schema.js; run \`npm run build\` first (${error.message})\n`);
  process.exit(2);
}

const files = generateJsonSchemas();
const stale = existsSync(outDir) ? readdirSync(outDir).filter((name) => name.endsWith('.schema.json') && !files.has(name)) : [];
const changed = [...files].filter(([name, text]) => {
  const path = outDir + name;
  return !existsSync(path) || readFileSync(path, 'utf8') !== text;
});

if (check) {
  if (changed.length === 0 && stale.length === 0) {
    process.stderr.write(`schemas/ is up to date (${files.size} files)\n`);
  } else {
    for (const [name] of changed) process.stderr.write(`out of date: schemas/${name}\n`);
    for (const name of stale) process.stderr.write(`not generated any more: schemas/${name}\n`);
    process.stderr.write('run `npm run build && npm run schemas` and commit the result\n');
    process.exitCode = 1;
  }
} else {
  // One line per file written or removed, then where things stand: each message on its own line.
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of changed) {
    writeFileSync(outDir + name, text);
    process.stderr.write(`wrote schemas/${name}\n`);
  }
  for (const name of stale) {
    rmSync(outDir + name);
    process.stderr.write(`removed schemas/${name} (not generated any more)\n`);
  }
  process.stderr.write(`schemas/ is up to date (${files.size} files)\n`);
}
