import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTIC_FORMATS,
  displayPath,
  formatDiagnostics,
  formatGithub,
  formatJson,
  formatSarif,
  formatStylish,
  formatValuePath,
  isDiagnosticFormat,
} from '../../src/report/diagnostics/index.js';
import { SAMPLE } from './sample.js';

describe('formatDiagnostics', () => {
  it('dispatches every format to its formatter', () => {
    const options = { root: 'x', version: '0.0.0' };
    expect(DIAGNOSTIC_FORMATS).toEqual(['stylish', 'json', 'github', 'sarif']);
    expect(formatDiagnostics('stylish', SAMPLE, options)).toBe(formatStylish(SAMPLE, options));
    expect(formatDiagnostics('json', SAMPLE, options)).toBe(formatJson(SAMPLE, options));
    expect(formatDiagnostics('github', SAMPLE, options)).toBe(formatGithub(SAMPLE, options));
    expect(formatDiagnostics('sarif', SAMPLE, options)).toBe(formatSarif(SAMPLE, options));
  });

  it('recognises format names', () => {
    expect(isDiagnosticFormat('sarif')).toBe(true);
    expect(isDiagnosticFormat('xml')).toBe(false);
  });

  it('never colours machine formats, even when colour is on', () => {
    for (const format of DIAGNOSTIC_FORMATS.filter((f) => f !== 'stylish')) {
      expect(formatDiagnostics(format, SAMPLE, { color: true })).not.toContain('\u001b[');
    }
  });
});

describe('displayPath', () => {
  it('joins the display root and the repository path with one slash', () => {
    expect(displayPath('services/a.yaml', undefined)).toBe('services/a.yaml');
    expect(displayPath('services/a.yaml', '')).toBe('services/a.yaml');
    expect(displayPath('services/a.yaml', '.')).toBe('services/a.yaml');
    expect(displayPath('services/a.yaml', 'examples/acme')).toBe('examples/acme/services/a.yaml');
    expect(displayPath('services/a.yaml', 'examples/acme/')).toBe('examples/acme/services/a.yaml');
    expect(displayPath('services/a.yaml', '../repo')).toBe('../repo/services/a.yaml');
  });

  it('leaves names that are not files, such as the built-in calendar, alone', () => {
    expect(displayPath('(built-in)', 'examples/acme')).toBe('(built-in)');
  });

  it('names the repository itself for a problem with no file', () => {
    expect(displayPath('', undefined)).toBe('.');
    expect(displayPath('', 'examples/acme/')).toBe('examples/acme');
  });
});

describe('formatValuePath', () => {
  it('writes keys dotted, indexes in brackets and other keys quoted', () => {
    expect(formatValuePath([])).toBe('');
    expect(formatValuePath(['spec', 'timeline', 2, 'at'])).toBe('spec.timeline[2].at');
    expect(formatValuePath([0, 'a'])).toBe('[0].a');
    expect(formatValuePath(['metadata', 'labels', 'team name'])).toBe('metadata.labels["team name"]');
    expect(formatValuePath(['spec', 'cost-center'])).toBe('spec.cost-center');
  });
});
