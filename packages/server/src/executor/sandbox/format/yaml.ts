/**
 * A YAML writer that prints what `kubectl get -o yaml` prints: keys sorted, sequences flush with
 * their parent key, strings quoted only when YAML would read them as something else, multi-line
 * strings as `|` blocks. Only JSON values go in, so there are no anchors, tags or cycles to handle.
 */

const AMBIGUOUS =
  /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?.*)$/;

function needsQuotes(s: string): boolean {
  if (s === '') return true;
  if (AMBIGUOUS.test(s)) return true;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[^\s]/.test(s)) return true;
  if (/^- /.test(s) || s === '-') return true;
  if (/\s$/.test(s) || /: |:$| #|\t/.test(s)) return true;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(s);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  return needsQuotes(s) ? JSON.stringify(s) : s;
}

const isMultiline = (v: unknown): v is string =>
  typeof v === 'string' && v.includes('\n') && !/[ \t]\n/.test(v);

function isEmptyContainer(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
}

function isContainer(v: unknown): v is object {
  return v !== null && typeof v === 'object' && !isEmptyContainer(v);
}

function blockLines(text: string, indent: number): { header: string; lines: string[] } {
  const trailing = text.match(/\n*$/)![0].length;
  const header = trailing === 0 ? '|-' : trailing === 1 ? '|' : '|+';
  const body = trailing === 0 ? text : text.slice(0, text.length - (trailing === 1 ? 1 : 0));
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((line) => (line ? pad + line : ''));
  if (trailing > 1) lines.pop();
  return { header, lines };
}

function entryLines(prefix: string, value: unknown, indent: number, inSequence: boolean): string[] {
  if (isMultiline(value)) {
    const { header, lines } = blockLines(value, indent + 2);
    return [`${prefix} ${header}`, ...lines];
  }
  if (!isContainer(value)) {
    const text = Array.isArray(value)
      ? '[]'
      : value !== null && typeof value === 'object'
        ? '{}'
        : scalar(value);
    return [`${prefix} ${text}`];
  }
  if (Array.isArray(value)) return [prefix, ...sequenceLines(value, inSequence ? indent + 2 : indent)];
  return [prefix, ...mappingLines(value as Record<string, unknown>, indent + 2)];
}

function mappingLines(obj: Record<string, unknown>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) lines.push(...entryLines(`${pad}${scalar(key)}:`, obj[key], indent, false));
  return lines;
}

function sequenceLines(items: readonly unknown[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of items) {
    if (isMultiline(item)) {
      const { header, lines: body } = blockLines(item, indent + 2);
      lines.push(`${pad}- ${header}`, ...body);
    } else if (!isContainer(item)) {
      const text = Array.isArray(item)
        ? '[]'
        : item !== null && typeof item === 'object'
          ? '{}'
          : scalar(item);
      lines.push(`${pad}- ${text}`);
    } else {
      const inner = Array.isArray(item)
        ? sequenceLines(item, indent + 2)
        : mappingLines(item as Record<string, unknown>, indent + 2);
      inner[0] = `${pad}- ${inner[0]!.slice(indent + 2)}`;
      lines.push(...inner);
    }
  }
  return lines;
}

export function toYaml(value: unknown): string {
  if (Array.isArray(value)) return sequenceLines(value, 0).join('\n') + '\n';
  if (value !== null && typeof value === 'object') {
    return mappingLines(value as Record<string, unknown>, 0).join('\n') + '\n';
  }
  return scalar(value) + '\n';
}

/** JSON as `kubectl -o json` prints it: keys sorted, four-space indentation. */
export function toJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 4) + '\n';
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}
