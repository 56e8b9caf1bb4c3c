import { describe, expect, it } from 'vitest';
import { DEFINITION_KINDS } from '../../src/governance/changes.js';
import { KIND_FLAGS } from '../../src/report/audit/shared.js';
import { diffLines, docYaml } from './changes-helpers.js';

const SPEC = ['title: Faster P3 resolution', 'owner: Service desk lead', 'metric: resolution-median', 'baseline: 600', 'target: 480', 'raised: 2026-07-01', 'due: 2026-12-31'];
const register = (lines: string[]) => ({ 'improvements/register.yaml': docYaml('Improvement', 'p3-resolution', lines) });

describe('describeChanges: the improvement register', () => {
  it('says what a new improvement sets out to move', () => {
    expect(diffLines({}, register([...SPEC, 'priority: P3']))).toEqual(['improvements/register.yaml  p3-resolution: added (resolution-median of the organisation P3, 600 → 480 by 2026-12-31)']);
  });

  it('describes it field by field, defaults written as words', () => {
    const head = ['title: Faster P3 resolution', 'owner: Service desk lead', 'service: service-desk', 'metric: resolution-median', 'baseline: 600', 'target: 420', 'raised: 2026-07-01', 'due: 2027-03-31', 'status: done'];
    expect(diffLines(register(SPEC), register(head))).toEqual([
      'improvements/register.yaml  p3-resolution: service the organisation → service-desk',
      'improvements/register.yaml  p3-resolution: target 480 → 420',
      'improvements/register.yaml  p3-resolution: due 2026-12-31 → 2027-03-31',
      'improvements/register.yaml  p3-resolution: status open → done',
    ]);
  });

  it('writing out the default status is no change; a removed improvement is only removed', () => {
    expect(diffLines(register(SPEC), register([...SPEC, 'status: open']))).toEqual([]);
    expect(diffLines(register(SPEC), {})).toEqual(['improvements/register.yaml  p3-resolution: removed']);
  });

  it('itsm audit filters it with --improvement', () => {
    expect(DEFINITION_KINDS).toContain('Improvement');
    expect(KIND_FLAGS.Improvement).toBe('improvement');
  });
});
