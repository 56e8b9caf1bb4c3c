#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A run of itsm is short: on a year of tickets V8 spent about a fifth of the command's CPU compiling its hot functions
// with TurboFan, often more than once, on its helper threads. A smaller inlining budget makes each compilation cheaper
// at no measurable cost to the code it produces (docs/performance.md, "Compiling less"). Set before any code of ours
// is compiled; V8 reads it at each compilation.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');

const { main } = await import('../dist/cli/main.js');
await main(process.argv);
