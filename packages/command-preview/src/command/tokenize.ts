/**
 * A small kubectl tokenizer for highlighting: program, verb, resource, flags, values, operators. It only
 * colours text; the server decides what a command does and how dangerous it is.
 */

export const TOKEN_KINDS = [
  'space',
  'program',
  'verb',
  'resource',
  'flag',
  'value',
  'argument',
  'operator',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface CommandToken {
  readonly text: string;
  readonly kind: TokenKind;
}

/** Flags whose value is the next word. */
const FLAGS_WITH_VALUE = new Set([
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-l',
  '--selector',
  '-f',
  '--filename',
  '-c',
  '--container',
  '--context',
  '--cluster',
  '--user',
  '--kubeconfig',
  '--replicas',
  '--image',
  '-p',
  '--patch',
  '--type',
  '--field-selector',
  '--sort-by',
  '--since',
  '--tail',
  '--timeout',
  '--grace-period',
  '-k',
  '--kustomize',
]);

const OPERATORS = ['&&', '||', '$(', '|', ';', '>', '<', '`', '&', ')'];

export function tokenizeCommand(command: string): CommandToken[] {
  const tokens: CommandToken[] = [];
  let i = 0;
  let position = 0; // words since the start or the last operator
  let program = '';
  let expectValue = false;
  let sawVerb = false;
  let sawResource = false;
  const push = (text: string, kind: TokenKind) => tokens.push({ text, kind });

  while (i < command.length) {
    const rest = command.slice(i);
    const space = /^\s+/u.exec(rest);
    if (space) {
      push(space[0], 'space');
      i += space[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (operator) {
      push(operator, 'operator');
      i += operator.length;
      position = 0;
      program = '';
      expectValue = sawVerb = sawResource = false;
      continue;
    }
    // A word, with quotes kept together.
    let word = '';
    while (i < command.length) {
      const char = command[i]!;
      if (/\s/u.test(char) || OPERATORS.some((op) => command.startsWith(op, i))) break;
      if (char === '"' || char === "'") {
        const end = command.indexOf(char, i + 1);
        const stop = end === -1 ? command.length : end + 1;
        word += command.slice(i, stop);
        i = stop;
        continue;
      }
      word += char;
      i++;
    }
    if (!word) {
      // Never loop forever on an unexpected character.
      push(command[i]!, 'argument');
      i++;
      continue;
    }
    if (position === 0) {
      push(word, 'program');
      program = word.replace(/^.*\//u, '');
    } else if (expectValue) {
      push(word, 'value');
      expectValue = false;
    } else if (word.startsWith('-') && word.length > 1) {
      const eq = word.indexOf('=');
      if (eq > 0) {
        push(word.slice(0, eq + 1), 'flag');
        push(word.slice(eq + 1), 'value');
      } else {
        push(word, 'flag');
        expectValue = FLAGS_WITH_VALUE.has(word);
      }
    } else if ((program === 'kubectl' || program === 'k') && !sawVerb) {
      push(word, 'verb');
      sawVerb = true;
    } else if ((program === 'kubectl' || program === 'k') && !sawResource) {
      push(word, 'resource');
      sawResource = true;
    } else {
      push(word, 'argument');
    }
    position++;
  }
  return tokens;
}

/**
 * The namespace a command names with `-n`/`--namespace` (or `all namespaces` for `-A`), or null when it
 * names none and kubectl would use the context's default. Used to keep the shown target true to an edit.
 */
export function commandNamespace(command: string): string | null {
  const words = tokenizeCommand(command).filter((t) => t.kind !== 'space');
  for (let i = 0; i < words.length; i++) {
    const { text, kind } = words[i]!;
    if (kind !== 'flag') continue;
    if (text === '-A' || text === '--all-namespaces' || text === '--all-namespaces=true')
      return 'all namespaces';
    if ((text === '-n' || text === '--namespace') && words[i + 1]?.kind === 'value')
      return words[i + 1]!.text;
    if ((text === '-n=' || text === '--namespace=') && words[i + 1]?.kind === 'value')
      return words[i + 1]!.text;
  }
  return null;
}

/** One fact about a command's impact, for display. */
export interface ImpactFact {
  readonly label: string;
  readonly value: string;
}

const humanize = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/gu, '$1 $2')
    .replace(/[_-]+/gu, ' ')
    .replace(/^./u, (c) => c.toUpperCase());

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const named = [o.kind ?? o.resource, o.name].filter((x) => typeof x === 'string').join('/');
    if (named) return typeof o.namespace === 'string' ? `${named} (${o.namespace})` : named;
    return JSON.stringify(value);
  }
  return String(value);
}

/** The server's `impact` (any shape) as label/value pairs. */
export function describeImpact(impact: unknown): ImpactFact[] {
  if (impact === null || impact === undefined || impact === '') return [];
  if (typeof impact !== 'object' || Array.isArray(impact))
    return [{ label: 'Impact', value: describeValue(impact) }];
  return Object.entries(impact as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ label: humanize(key), value: describeValue(value) }));
}
