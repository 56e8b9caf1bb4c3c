import type { z } from 'zod';

/**
 * Turns a zod issue into the sentence a user reads, in the form the Backstage catalog uses:
 * `"spec.lifecycle" is not valid; expected one of pipeline, live, retired but found "active"`.
 */
export function describeIssue(issue: z.core.$ZodIssue): { message: string; target?: 'key' } {
  const where = `"${formatPath(issue.path)}"`;
  const found = 'input' in issue ? ` but found ${show(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined) return { message: `${where} is required (${article(issue.expected)})` };
      return { message: `${where} is not valid; expected ${article(issue.expected)}${found}` };
    case 'unrecognized_keys':
      return { message: '' };
    case 'invalid_value':
      return {
        message: `${where} is not valid; expected ${
          issue.values.length === 1 ? show(issue.values[0]) : `one of ${issue.values.map((v) => String(v)).join(', ')}`
        }${found}`,
      };
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String).join(', ') : '';
        const input = 'input' in issue ? (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator] : undefined;
        return { message: `${where} is not valid; expected one of ${options} but found ${show(input)}` };
      }
      return { message: `${where} is not valid${found}` };
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const relation = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
      const what =
        issue.origin === 'array' ? `${relation} ${String(bound)} item(s)` : issue.origin === 'string' ? `${relation} ${String(bound)} character(s)` : `${relation} ${String(bound)}`;
      return { message: `${where} is not valid; expected ${what}${issue.origin === 'array' || issue.origin === 'string' ? '' : found}` };
    }
    case 'invalid_format':
      return { message: `${where} is not valid; ${issue.message.replace(/^Invalid( string)?: ?/i, '')}${found}` };
    default: {
      // Our own messages (refinements) often quote the value already; do not say it twice.
      const quoted = 'input' in issue && typeof issue.input === 'string' && issue.message.includes(`"${issue.input}"`);
      return { message: `${where} is not valid; ${issue.message}${found && !quoted && !issue.message.includes('found') ? found : ''}` };
    }
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(document)' : out;
}

function article(expected: string): string {
  const noun = expected === 'object' ? 'mapping' : expected === 'array' ? 'list' : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
