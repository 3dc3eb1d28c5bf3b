/**
 * Splits a command line into an argument vector the way a POSIX shell would split plain words and
 * quotes, and refuses everything a shell would interpret. The result is only ever passed to a process as
 * an array (never to a shell), so a command is exactly one kubectl invocation or nothing.
 */

export type CommandLineResult =
  | { readonly ok: true; readonly argv: readonly string[] }
  | { readonly ok: false; readonly code: CommandLineErrorCode; readonly message: string };

export type CommandLineErrorCode =
  | 'EMPTY_COMMAND'
  | 'NOT_KUBECTL'
  | 'SHELL_OPERATOR'
  | 'UNTERMINATED_QUOTE'
  | 'INVISIBLE_CHARACTER'
  | 'TOO_LONG';

export const MAX_COMMAND_LENGTH = 4096;

// Bidirectional controls, zero-width characters and other invisible code points that can make the text a
// person reads differ from what runs (Trojan Source, CVE-2021-42574). Tab and newline are handled below.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
];

/** The first invisible or control code point in `text`, or undefined. */
export function findInvisible(text: string): number | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) continue;
    if (INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi)) return cp;
  }
  return undefined;
}

const fail = (code: CommandLineErrorCode, message: string): CommandLineResult => ({
  ok: false,
  code,
  message,
});

/** Tokenizes `text`; refuses pipes, lists, redirections, substitutions and invisible characters. */
export function parseCommandLine(text: string): CommandLineResult {
  if (text.length > MAX_COMMAND_LENGTH) {
    return fail('TOO_LONG', `Commands are limited to ${MAX_COMMAND_LENGTH} characters.`);
  }
  const invisible = findInvisible(text);
  if (invisible !== undefined) {
    const hex = invisible.toString(16).toUpperCase().padStart(4, '0');
    return fail('INVISIBLE_CHARACTER', `The command contains an invisible control character (U+${hex}).`);
  }
  const argv: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) current += text[++i];
      else if (ch === '$' || ch === '`') {
        return fail('SHELL_OPERATOR', 'Command substitution and variables are not allowed.');
      } else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 < text.length) current += text[++i];
      inWord = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (ch === '\n' || ch === '\r') {
        if (text.slice(i).trim() !== '') return fail('SHELL_OPERATOR', 'Only one command can run at a time.');
      }
      if (inWord) argv.push(current);
      current = '';
      inWord = false;
      continue;
    }
    if ('|;&<>'.includes(ch)) {
      return fail(
        'SHELL_OPERATOR',
        `Shell operators such as "${ch}" are not allowed: run one kubectl command.`,
      );
    }
    if (ch === '`' || (ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{'))) {
      return fail('SHELL_OPERATOR', 'Command substitution and variables are not allowed.');
    }
    if (ch === '$') return fail('SHELL_OPERATOR', 'Shell variables are not allowed.');
    current += ch;
    inWord = true;
  }
  if (quote) return fail('UNTERMINATED_QUOTE', 'A quote is not closed.');
  if (inWord) argv.push(current);
  if (argv.length === 0) return fail('EMPTY_COMMAND', 'The command is empty.');
  if (argv[0] !== 'kubectl') return fail('NOT_KUBECTL', 'Only kubectl commands can run.');
  return { ok: true, argv };
}

/** Renders an argument vector back to one line, quoting only where a shell would need it. */
export function formatCommandLine(argv: readonly string[]): string {
  return argv
    .map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
