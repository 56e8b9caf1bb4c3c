import { lint } from 'markdownlint/sync';

/** markdownlint's findings on `markdown` with its default rules (none disabled), as "line rule detail" strings. */
export function markdownlintFindings(markdown: string): string[] {
  const results = lint({ strings: { catalog: markdown } });
  return (results.catalog ?? []).map(
    (r) => `${r.lineNumber} ${r.ruleNames.join('/')} ${r.ruleDescription}${r.errorDetail ? ` (${r.errorDetail})` : ''}${r.errorContext ? ` [${r.errorContext}]` : ''}`,
  );
}
