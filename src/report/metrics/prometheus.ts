/**
 * The Prometheus text exposition format, version 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats): what
 * node_exporter's textfile collector reads and `promtool check metrics` checks. Not OpenMetrics: every figure itsm
 * writes is a gauge, for which both formats say the same, and the textfile collector parses the Prometheus format.
 * Samples carry no timestamp: the textfile collector refuses files whose samples have one.
 */

/** A gauge: a figure that goes up and down (a ratio, a count of what is open now, the clocks of a period). */
export interface MetricFamily {
  /** `[a-zA-Z_:][a-zA-Z0-9_:]*`, with its unit as suffix (`_seconds`, `_ratio`); `_total` is for counters only. */
  name: string;
  help: string;
  type: 'gauge';
  samples: MetricSample[];
}

export interface MetricSample {
  /** Label names `[a-zA-Z_][a-zA-Z0-9_]*`; values any text (escaped here). */
  labels: Readonly<Record<string, string>>;
  value: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The families as one exposition: each family's `# HELP` and `# TYPE`, then its samples sorted by their labels, so
 * that the same figures give the same bytes. Names are ours, not the user's: a bad one, an empty family's duplicate or
 * two samples with the same labels is a bug, and throws.
 */
export function formatPrometheus(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  const names = new Set<string>();
  for (const family of families) {
    if (!METRIC_NAME.test(family.name) || names.has(family.name)) throw new Error(`metric name "${family.name}" is not valid or repeated`);
    names.add(family.name);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    const samples = family.samples.map((s) => `${family.name}${labelSet(s.labels)} ${value(s.value)}`).sort();
    for (let i = 1; i < samples.length; i++) {
      if (samples[i]!.slice(0, samples[i]!.lastIndexOf(' ')) === samples[i - 1]!.slice(0, samples[i - 1]!.lastIndexOf(' '))) throw new Error(`two samples of ${family.name} have the same labels`);
    }
    lines.push(...samples);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function labelSet(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return '';
  for (const name of names) if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`label name "${name}" is not valid`);
  return `{${names.map((name) => `${name}="${escapeLabelValue(labels[name]!)}"`).join(',')}}`;
}

/** In a label value, backslash, double quote and line feed are escaped (`\\`, `\"`, `\n`). */
export function escapeLabelValue(text: string): string {
  return text.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'));
}

/** In HELP text, backslash and line feed are escaped. */
function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\\' ? '\\\\' : '\\n'));
}

/** Go's ParseFloat reads JavaScript's shortest round-trip form (`0.85`, `1e-7`); the special values by their names. */
function value(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return Object.is(n, -0) ? '0' : String(n);
}
