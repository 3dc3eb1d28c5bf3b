/**
 * Parses terminal output into lines of styled segments. Only SGR colours (30–37, 90–97, 39), bold (1) and
 * reset (0) are kept; OSC 8 hyperlinks keep their target only for `http:`/`https:`; OSC 52 (clipboard) and
 * every other escape or control sequence are dropped. The result is data for Lit text bindings, never HTML.
 */

export const ANSI_COLORS = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'bright-black',
  'bright-red',
  'bright-green',
  'bright-yellow',
  'bright-blue',
  'bright-magenta',
  'bright-cyan',
  'bright-white',
] as const;
export type AnsiColor = (typeof ANSI_COLORS)[number];

export interface AnsiSegment {
  readonly text: string;
  readonly color?: AnsiColor;
  readonly bold?: boolean;
  /** An http(s) link target (from OSC 8 or a plain URL in the text). */
  readonly href?: string;
}

export type AnsiLine = readonly AnsiSegment[];

/** Only these schemes become links; anything else stays text. */
export function safeHref(target: string): string | undefined {
  try {
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

interface Style {
  color?: AnsiColor;
  bold?: boolean;
  href?: string;
}

function applySgr(params: string, style: Style): Style {
  const codes = params === '' ? [0] : params.split(';').map((p) => Number(p || '0'));
  let next: Style = { ...style };
  for (const code of codes) {
    if (code === 0) next = next.href ? { href: next.href } : {};
    else if (code === 1) next.bold = true;
    else if (code === 22) delete next.bold;
    else if (code === 39) delete next.color;
    else if (code >= 30 && code <= 37) next.color = ANSI_COLORS[code - 30];
    else if (code >= 90 && code <= 97) next.color = ANSI_COLORS[code - 90 + 8];
  }
  return next;
}

// A server redaction marker ends a URL: `?token=[REDACTED token]` must stay a marker, not part of a link.
const URL_IN_TEXT = /\bhttps?:\/\/(?:(?!\[REDACTED )[^\s<>"'`])+/gu;

function splitUrls(text: string, style: Style, out: AnsiSegment[]): void {
  if (style.href) {
    out.push({ text, ...style });
    return;
  }
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:)\]]+$/u, '');
    const start = match.index;
    if (start > last) out.push({ text: text.slice(last, start), ...style });
    const href = safeHref(url);
    out.push(href ? { text: url, ...style, href } : { text: url, ...style });
    last = start + url.length;
  }
  if (last < text.length) out.push({ text: text.slice(last), ...style });
}

/** Removes every escape sequence and control character, keeping the printable text (for copy/download). */
export function stripAnsi(input: string): string {
  return parseAnsi(input)
    .map((line) => line.map((segment) => segment.text).join(''))
    .join('\n');
}

/** Parses output into lines of segments. */
export function parseAnsi(input: string): AnsiLine[] {
  const lines: AnsiSegment[][] = [[]];
  let style: Style = {};
  let buffer = '';
  const flush = () => {
    if (buffer) splitUrls(buffer, style, lines[lines.length - 1]!);
    buffer = '';
  };
  let i = 0;
  while (i < input.length) {
    const char = input[i]!;
    if (char === '\x1b') {
      const next = input[i + 1];
      if (next === '[') {
        // CSI: parameters, intermediates, one final byte.
        let j = i + 2;
        while (j < input.length && /[0-?]/u.test(input[j]!)) j++;
        const params = input.slice(i + 2, j);
        while (j < input.length && /[ -/]/u.test(input[j]!)) j++;
        const final = input[j];
        if (final === 'm' && /^[0-9;]*$/u.test(params)) {
          flush();
          style = applySgr(params, style);
        }
        i = j + 1;
        continue;
      }
      if (next === ']') {
        // OSC: up to BEL or ST (ESC \).
        let j = i + 2;
        let end = -1;
        let terminator = 0;
        while (j < input.length) {
          if (input[j] === '\x07') {
            end = j;
            terminator = 1;
            break;
          }
          if (input[j] === '\x1b' && input[j + 1] === '\\') {
            end = j;
            terminator = 2;
            break;
          }
          j++;
        }
        if (end === -1) {
          i = input.length;
          continue;
        }
        const body = input.slice(i + 2, end);
        if (body.startsWith('8;')) {
          flush();
          const target = body.slice(body.indexOf(';', 2) + 1);
          const href = target ? safeHref(target) : undefined;
          style = { ...style };
          if (href) style.href = href;
          else delete style.href;
        }
        i = end + terminator;
        continue;
      }
      // Any other escape: drop ESC and the byte after it.
      i += 2;
      continue;
    }
    if (char === '\n') {
      flush();
      lines.push([]);
      i++;
      continue;
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u.test(char)) {
      i++;
      continue;
    }
    buffer += char;
    i++;
  }
  flush();
  return lines;
}
