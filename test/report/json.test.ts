import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatJson } from '../../src/report/diagnostics/json.js';
import { SAMPLE } from './sample.js';

describe('json', () => {
  it('writes the documented shape with every key present, 2-space indent and a trailing newline', () => {
    const diagnostics: Diagnostic[] = [
      {
        file: 'services/email.yaml',
        document: 1,
        path: ['metadata', 'id'],
        line: 20,
        column: 7,
        severity: 'error',
        rule: 'duplicate-id',
        message: 'Service email is defined twice',
        related: [{ file: 'services/mail.yaml', line: 4, column: 7, message: 'first defined here' }],
      },
      { file: 'calendars/broken.yaml', severity: 'warning', rule: 'yaml-syntax', message: 'unreadable', hint: 'check it' },
    ];
    expect(formatJson(diagnostics, { root: 'examples/acme/' })).toBe(`{
  "version": 1,
  "summary": {
    "errors": 1,
    "warnings": 1,
    "files": 2
  },
  "diagnostics": [
    {
      "file": "examples/acme/calendars/broken.yaml",
      "document": null,
      "line": null,
      "column": null,
      "endLine": null,
      "endColumn": null,
      "severity": "warning",
      "rule": "yaml-syntax",
      "message": "unreadable",
      "hint": "check it",
      "path": null,
      "related": []
    },
    {
      "file": "examples/acme/services/email.yaml",
      "document": 1,
      "line": 20,
      "column": 7,
      "endLine": null,
      "endColumn": null,
      "severity": "error",
      "rule": "duplicate-id",
      "message": "Service email is defined twice",
      "hint": null,
      "path": "metadata.id",
      "related": [
        {
          "file": "examples/acme/services/mail.yaml",
          "document": null,
          "line": 4,
          "column": 7,
          "endLine": null,
          "endColumn": null,
          "path": null,
          "message": "first defined here"
        }
      ]
    }
  ]
}
`);
  });

  it('writes paths with indexes in brackets and odd keys quoted', () => {
    const parsed = JSON.parse(formatJson(SAMPLE)) as { diagnostics: { path: string | null }[] };
    expect(parsed.diagnostics.map((d) => d.path)).toEqual([null, 'spec.sla', 'metadata.id', 'spec.timeline[2].at']);
    const labelled: Diagnostic = {
      file: 'a.yaml',
      path: ['metadata', 'labels', 'app.kubernetes.io/name'],
      severity: 'error',
      rule: 'r',
      message: 'm',
    };
    const one = JSON.parse(formatJson([labelled])) as { diagnostics: { path: string }[] };
    expect(one.diagnostics[0]?.path).toBe('metadata.labels["app.kubernetes.io/name"]');
  });

  it('reports an empty list with zero counts', () => {
    expect(formatJson([])).toBe(
      '{\n  "version": 1,\n  "summary": {\n    "errors": 0,\n    "warnings": 0,\n    "files": 0\n  },\n  "diagnostics": []\n}\n',
    );
  });
});
