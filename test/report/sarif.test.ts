import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatSarif } from '../../src/report/diagnostics/sarif.js';
import { SAMPLE } from './sample.js';

describe('sarif', () => {
  it('writes a SARIF 2.1.0 log with one rule per rule id and results in order', () => {
    const diagnostics: Diagnostic[] = [
      {
        file: 'tickets/INC 7.yaml',
        path: ['spec', 'opened'],
        line: 5,
        column: 11,
        endLine: 5,
        endColumn: 20,
        severity: 'error',
        rule: 'schema',
        message: 'bad instant',
        hint: 'add Z',
      },
      {
        file: 'services/email.yaml',
        line: 20,
        column: 7,
        severity: 'warning',
        rule: 'duplicate-id',
        message: 'defined twice',
        related: [{ file: 'services/mail.yaml', line: 4, column: 7, message: 'first here' }],
      },
      { file: 'calendars/broken.yaml', severity: 'error', rule: 'yaml-syntax', message: 'unreadable' },
    ];
    const out = formatSarif(diagnostics, {
      root: 'examples/acme',
      version: '1.2.3',
      ruleDescriptions: { schema: 'A document does not match the schema of its kind.' },
    });
    expect(out).toBe(`{
  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "itsm",
          "informationUri": "https://itsm.dev",
          "version": "1.2.3",
          "rules": [
            {
              "id": "duplicate-id",
              "shortDescription": {
                "text": "duplicate-id"
              }
            },
            {
              "id": "schema",
              "shortDescription": {
                "text": "A document does not match the schema of its kind."
              }
            },
            {
              "id": "yaml-syntax",
              "shortDescription": {
                "text": "yaml-syntax"
              }
            }
          ]
        }
      },
      "columnKind": "utf16CodeUnits",
      "results": [
        {
          "ruleId": "yaml-syntax",
          "ruleIndex": 2,
          "level": "error",
          "message": {
            "text": "unreadable"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "examples/acme/calendars/broken.yaml"
                }
              }
            }
          ]
        },
        {
          "ruleId": "duplicate-id",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "defined twice"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "examples/acme/services/email.yaml"
                },
                "region": {
                  "startLine": 20,
                  "startColumn": 7
                }
              }
            }
          ],
          "relatedLocations": [
            {
              "id": 0,
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "examples/acme/services/mail.yaml"
                },
                "region": {
                  "startLine": 4,
                  "startColumn": 7
                }
              },
              "message": {
                "text": "first here"
              }
            }
          ]
        },
        {
          "ruleId": "schema",
          "ruleIndex": 1,
          "level": "error",
          "message": {
            "text": "bad instant\\nadd Z"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "examples/acme/tickets/INC%207.yaml"
                },
                "region": {
                  "startLine": 5,
                  "startColumn": 11,
                  "endLine": 5,
                  "endColumn": 20
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "spec.opened",
                  "kind": "member"
                }
              ]
            }
          ]
        }
      ]
    }
  ]
}
`);
  });

  it('writes an empty run when there is nothing to report, without a version when none is given', () => {
    const log = JSON.parse(formatSarif([])) as { runs: { tool: { driver: Record<string, unknown> }; results: unknown[] }[] };
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver).toEqual({ name: 'itsm', informationUri: 'https://itsm.dev', rules: [] });
  });

  it('is the same text whatever order the diagnostics come in', () => {
    expect(formatSarif([...SAMPLE].reverse())).toBe(formatSarif(SAMPLE));
  });
});
