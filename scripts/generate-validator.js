// Writes src/validate/compiled/documents.ts, the validator compiled ahead of time from the JSON Schemas of the model
// (scripts/lib/validator-code.js). Runs on the build output, after generate-schemas.js (`npm run schemas`, which
// builds again afterwards so that dist/ holds the new validator). With --check it writes nothing and exits 1 when the
// committed file is out of date (test/validate/compiled-drift.test.ts checks the same thing in the test suite).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatorModuleCode } from './lib/validator-code.js';

const NAME = 'src/validate/compiled/documents.ts';
const outFile = fileURLToPath(new URL(`../${NAME}`, import.meta.url));
const check = process.argv.includes('--check');

let validatorJsonSchemas;
let FAST_FORMATS;
try {
  ({ validatorJsonSchemas } = await import('../dist/schemas/json-schema.js'));
  ({ FAST_FORMATS } = await import('../dist/validate/fast-formats.js'));
} catch (error) {
  process.stderr.write(`itsm: cannot load the model from dist/; run \`npm run build\` first (${error.message})\n`);
  process.exit(2);
}

const text = validatorModuleCode(validatorJsonSchemas(), FAST_FORMATS);
const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : undefined;

if (check) {
  if (current === text) {
    process.stderr.write(`${NAME} is up to date\n`);
  } else {
    process.stderr.write(`out of date: ${NAME}\nrun \`npm run schemas\` and commit the result\n`);
    process.exitCode = 1;
  }
} else if (current === text) {
  process.stderr.write(`${NAME} is up to date\n`);
} else {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  process.stderr.write(`wrote ${NAME}\n`);
}
