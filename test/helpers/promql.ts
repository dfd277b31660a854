// The metric names a PromQL expression reads, for the tests that hold the alert rules and the
// Grafana dashboard to the metrics the agent really exports. A lexer, not a full parser: whether
// an expression is valid PromQL is promtool's word (`promtool check rules`); this only has to tell
// a metric name from a function, an aggregation, a keyword, a label or a duration in one that is.
// When unsure it reports the identifier as a metric name, so a test fails rather than passes.

const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
/** Binary operators written as words, and the modifiers that take no label list. */
const WORDS = new Set(['and', 'or', 'unless', 'atan2', 'bool', 'offset']);
/** Modifiers that may be followed by a list of label names in parentheses. */
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** Number literals spelt as words. */
const NUMBER_WORDS = new Set(['inf', 'nan']);

export interface PromqlNames {
  /** Metric names the expression selects, in order of first use. */
  metrics: string[];
  /** Selections this lexer cannot name (a regular expression on __name__). */
  unnamed: string[];
}

class Lexer {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  skipSpace(): void {
    for (;;) {
      while (/\s/.test(this.peek())) this.pos++;
      if (this.peek() !== '#') return;
      while (!this.done && this.peek() !== '\n') this.pos++;
    }
  }
  /** A quoted string at pos ('…', "…" with escapes, `…` raw); returns its content. */
  string(): string {
    const quote = this.peek();
    const start = ++this.pos;
    let out = '';
    while (!this.done && this.peek() !== quote) {
      if (this.peek() === '\\' && quote !== '`') {
        this.pos++;
      }
      out += this.peek();
      this.pos++;
    }
    if (this.done) throw new Error(`unterminated string at ${start - 1}: ${this.text}`);
    this.pos++;
    return out;
  }
  identifier(): string {
    const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(this.text.slice(this.pos));
    if (!m) throw new Error(`no identifier at ${this.pos}: ${this.text}`);
    this.pos += m[0].length;
    return m[0];
  }
  /** Skips from an opening bracket to its closing one, stepping over strings inside. */
  skipBracketed(open: string, close: string): void {
    let depth = 0;
    do {
      const c = this.peek();
      if (c === '"' || c === "'" || c === '`') {
        this.string();
        continue;
      }
      if (c === open) depth++;
      if (c === close) depth--;
      this.pos++;
      if (this.done && depth > 0) throw new Error(`unclosed ${open} in: ${this.text}`);
    } while (depth > 0);
  }
}

/**
 * Reads the label matchers `{…}` at the lexer's position; returns the metric name a
 * `__name__="…"` matcher (or a quoted name, as Prometheus 3 allows) gives, and notes the ones it
 * cannot name.
 */
function matchers(lx: Lexer, found: PromqlNames): string | undefined {
  lx.pos++; // {
  let name: string | undefined;
  for (;;) {
    lx.skipSpace();
    const c = lx.peek();
    if (c === '}') {
      lx.pos++;
      return name;
    }
    if (c === ',') {
      lx.pos++;
      continue;
    }
    const label = c === '"' || c === "'" || c === '`' ? lx.string() : lx.identifier();
    lx.skipSpace();
    const op = /^(=~|!~|!=|=)/.exec(lx.text.slice(lx.pos))?.[0];
    if (!op) {
      name = label; // {"metric.name"}: a name on its own
      continue;
    }
    lx.pos += op.length;
    lx.skipSpace();
    const value = lx.string();
    if (label === '__name__') {
      if (op === '=') name = value;
      else found.unnamed.push(`__name__${op}"${value}"`);
    }
  }
}

/** Every metric name `expr` selects. Grafana's variables must be replaced first. */
export function metricNames(expr: string): PromqlNames {
  const found: PromqlNames = { metrics: [], unnamed: [] };
  const add = (name: string) => {
    if (!found.metrics.includes(name)) found.metrics.push(name);
  };
  const lx = new Lexer(expr);
  for (;;) {
    lx.skipSpace();
    if (lx.done) return found;
    const c = lx.peek();
    if (c === '"' || c === "'" || c === '`') {
      lx.string();
    } else if (c === '[') {
      lx.skipBracketed('[', ']'); // a range or a subquery: durations and a step
    } else if (c === '{') {
      const name = matchers(lx, found);
      if (name) add(name);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(lx.text[lx.pos + 1] ?? ''))) {
      // A number or a duration (5m, 1h30m, 1e3, 0x1f): letters after digits belong to it.
      const m = /^[0-9.]+([eE][+-]?[0-9]+)?[a-zA-Z0-9_.]*/.exec(lx.text.slice(lx.pos))!;
      lx.pos += m[0].length;
    } else if (/[a-zA-Z_:]/.test(c)) {
      const word = lx.identifier();
      const lower = word.toLowerCase();
      lx.skipSpace();
      const next = lx.peek();
      const nextWord = /^[a-zA-Z_]+/.exec(lx.text.slice(lx.pos))?.[0];
      if (LABEL_LISTS.has(lower)) {
        if (next === '(') lx.skipBracketed('(', ')');
      } else if (WORDS.has(lower) || NUMBER_WORDS.has(lower)) {
        // an operator or a number
      } else if (AGGREGATIONS.has(lower) && (next === '(' || nextWord === 'by' || nextWord === 'without')) {
        // an aggregation: its grouping is read as the next word
      } else if (next === '(') {
        // a function call
      } else if (next === '{') {
        add(word);
        const name = matchers(lx, found);
        if (name && name !== word) add(name); // invalid PromQL; promtool says so
      } else {
        add(word);
      }
    } else {
      lx.pos++; // operators, parentheses, commas, @
    }
  }
}

/** Grafana's built-in interval variables, and what each stands for when promtool checks the query. */
const GRAFANA_DURATIONS: Record<string, string> = {
  __rate_interval: '4m',
  __interval: '1m',
  __range: '1d',
  __rate_interval_ms: '240000',
  __interval_ms: '60000',
  __range_ms: '86400000',
  __range_s: '86400',
};

/**
 * A Grafana query made plain PromQL: the interval variables become durations and every other
 * variable (`$site_id`, `${till_id}`, `[[job]]`) becomes `.*`, which fits where a dashboard may
 * put one: inside a regular expression matcher. A variable anywhere else then fails promtool.
 */
export function withoutGrafanaVariables(query: string): string {
  return query.replace(
    /\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g,
    (_, a?: string, b?: string, c?: string) => {
      const name = (a ?? b ?? c)!;
      return GRAFANA_DURATIONS[name] ?? '.*';
    },
  );
}

/**
 * The PromQL inside a Grafana variable's query: `label_values(selector, label)`,
 * `query_result(expr)`, `label_values(label)` (no PromQL), or an error for anything else.
 */
export function variableQueryPromql(query: string): string | undefined {
  const q = query.trim();
  let m = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$/s.exec(q);
  if (m) return m[1]!;
  if (/^label_values\(\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$/.test(q)) return undefined;
  m = /^query_result\((.*)\)$/s.exec(q);
  if (m) return m[1]!;
  throw new Error(`a Grafana variable query this test does not read: ${query}`);
}

/**
 * Every metric name in a Prometheus text exposition: the samples' names and what each TYPE line
 * declares (a histogram's _bucket, _sum and _count, a summary's _sum and _count), so a labelled
 * metric that has no sample yet still counts as exported.
 */
export function exposedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)/.exec(line);
    if (type) {
      const [, name, kind] = type as unknown as [string, string, string];
      names.add(name);
      if (kind === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
      if (kind === 'summary') for (const s of ['_sum', '_count']) names.add(name + s);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (sample) names.add(sample[1]!);
  }
  return names;
}
