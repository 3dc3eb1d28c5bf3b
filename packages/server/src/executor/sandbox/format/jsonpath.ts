/**
 * The part of kubectl's JSONPath that people type: `{.spec.replicas}`, `{.items[*].metadata.name}`,
 * `{.status.conditions[?(@.type=="Ready")].status}`, `{range .items[*]}…{end}` and `{"\n"}`. Also used
 * for `custom-columns` and `--sort-by`.
 */

type Segment =
  | { type: 'field'; name: string }
  | { type: 'index'; index: number }
  | { type: 'slice'; start: number | null; end: number | null }
  | { type: 'wildcard' }
  | { type: 'recursive'; name: string }
  | {
      type: 'filter';
      path: Segment[];
      op: '==' | '!=' | '<' | '>' | 'exists';
      value: string | number | null;
    };

type Node =
  | { type: 'text'; text: string }
  | { type: 'path'; segments: Segment[] }
  | { type: 'range'; segments: Segment[]; body: Node[] };

export class JsonPathError extends Error {}

/** Splits `.a.b[0]['c.d'][*]` into segments. */
export function parsePath(expr: string): Segment[] {
  let s = expr.trim();
  if (s.startsWith('$')) s = s.slice(1);
  const segments: Segment[] = [];
  let i = 0;
  const ident = (): string => {
    // Dots inside a key are escaped: `.metadata.annotations.deployment\.kubernetes\.io/revision`.
    const m = /^(?:[A-Za-z0-9_\-/]|\\.)+/.exec(s.slice(i));
    if (!m) throw new JsonPathError(`unrecognized identifier at "${s.slice(i)}"`);
    i += m[0].length;
    return m[0].replace(/\\(.)/g, '$1');
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2;
      segments.push({ type: 'recursive', name: ident() });
    } else if (s[i] === '.') {
      i++;
      if (s[i] === '*') {
        i++;
        segments.push({ type: 'wildcard' });
      } else if (i < s.length && s[i] !== '[') segments.push({ type: 'field', name: ident() });
    } else if (s[i] === '[') {
      const close = findClose(s, i);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') segments.push({ type: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) segments.push({ type: 'index', index: Number(inner) });
      else if (/^-?\d*:-?\d*$/.test(inner)) {
        const [a, b] = inner.split(':');
        segments.push({ type: 'slice', start: a ? Number(a) : null, end: b ? Number(b) : null });
      } else if (/^'.*'$|^".*"$/.test(inner)) segments.push({ type: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) segments.push(parseFilter(inner.slice(2, -1)));
      else throw new JsonPathError(`invalid array index ${inner}`);
    } else if (segments.length === 0 && /[A-Za-z_]/.test(s[i]!)) {
      segments.push({ type: 'field', name: ident() });
    } else {
      throw new JsonPathError(`unrecognized character in action: ${s[i]}`);
    }
  }
  return segments;
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let j = open; j < s.length; j++) {
    const ch = s[j]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') {
      depth--;
      if (depth === 0 && ch === ']') return j;
    }
  }
  throw new JsonPathError('unterminated array');
}

function parseFilter(text: string): Segment {
  const m = /^@(\S*?)\s*(==|!=|<|>)\s*(.+)$/.exec(text.trim());
  if (!m) {
    const exists = /^@(\S+)$/.exec(text.trim());
    if (!exists) throw new JsonPathError(`unrecognized filter ${text}`);
    return { type: 'filter', path: parsePath(exists[1]!), op: 'exists', value: null };
  }
  const raw = m[3]!.trim();
  const value = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : Number.isNaN(Number(raw)) ? raw : Number(raw);
  return { type: 'filter', path: parsePath(m[1]!), op: m[2] as '==' | '!=' | '<' | '>', value };
}

/** Every value a path selects from `root`. */
export function evaluate(segments: readonly Segment[], root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (seg.type === 'field') {
        if (value && typeof value === 'object' && !Array.isArray(value) && seg.name in value) {
          next.push((value as Record<string, unknown>)[seg.name]);
        }
      } else if (seg.type === 'index') {
        if (Array.isArray(value)) {
          const item = value[seg.index < 0 ? value.length + seg.index : seg.index];
          if (item !== undefined) next.push(item);
        }
      } else if (seg.type === 'slice') {
        if (Array.isArray(value)) next.push(...value.slice(seg.start ?? 0, seg.end ?? value.length));
      } else if (seg.type === 'wildcard') {
        if (Array.isArray(value)) next.push(...value);
        else if (value && typeof value === 'object') next.push(...Object.values(value));
      } else if (seg.type === 'recursive') {
        collect(value, seg.name, next);
      } else if (Array.isArray(value)) {
        for (const item of value) if (filterMatches(seg, item)) next.push(item);
      }
    }
    current = next;
  }
  return current;
}

function collect(value: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(value)) value.forEach((v) => collect(v, name, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === name) out.push(v);
      collect(v, name, out);
    }
  }
}

function filterMatches(seg: Extract<Segment, { type: 'filter' }>, item: unknown): boolean {
  const found = evaluate(seg.path, item);
  if (seg.op === 'exists') return found.length > 0 && found[0] !== null && found[0] !== false;
  if (!found.length) return false;
  const left = found[0];
  if (seg.op === '==') return String(left) === String(seg.value);
  if (seg.op === '!=') return String(left) !== String(seg.value);
  const a = Number(left);
  const b = Number(seg.value);
  return seg.op === '<' ? a < b : a > b;
}

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open === -1) {
      stack.at(-1)!.push({ type: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.push({ type: 'text', text: template.slice(i, open) });
    let close = -1;
    let quote: string | null = null;
    for (let j = open + 1; j < template.length; j++) {
      const ch = template[j]!;
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '}') {
        close = j;
        break;
      }
    }
    if (close === -1) throw new JsonPathError('unclosed action');
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (action.startsWith('range ')) {
      const node: Node = { type: 'range', segments: parsePath(action.slice(6)), body: [] };
      stack.at(-1)!.push(node);
      stack.push(node.body);
    } else if (/^(["']).*\1$/s.test(action)) {
      const body = action.slice(1, -1);
      const text = action[0] === '"' ? (JSON.parse(`"${body.replace(/(?<!\\)"/g, '\\"')}"`) as string) : body;
      stack.at(-1)!.push({ type: 'text', text });
    } else {
      stack.at(-1)!.push({ type: 'path', segments: parsePath(action) });
    }
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

function print(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function render(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'path') out += evaluate(node.segments, data).map(print).join(' ');
    else for (const item of evaluate(node.segments, data)) out += render(node.body, item);
  }
  return out;
}

/** Renders a kubectl JSONPath template (`{.metadata.name}`); throws JsonPathError when it is malformed. */
export function renderJsonPath(template: string, data: unknown): string {
  return render(parseTemplate(template), data);
}

/** One path's first value, for custom-columns and --sort-by (which accept the path with or without braces). */
export function pathValues(expr: string, data: unknown): unknown[] {
  const inner = expr.trim().replace(/^\{(.*)\}$/s, '$1');
  return evaluate(parsePath(inner), data);
}
