/**
 * Character classes and decoding shared by the block and inline parsers. Everything here returns plain
 * strings that end up in text nodes or in an allow-listed attribute, never in HTML.
 */

/** ASCII punctuation: the characters a backslash may escape (CommonMark). */
export const isAsciiPunct = (c: string | undefined): boolean => c !== undefined && /^[!-/:-@[-`{-~]$/.test(c);

/** Unicode whitespace, with "no character" (start or end of the text) counting as whitespace. */
export const isSpace = (c: string | undefined): boolean => c === undefined || /^\s$/u.test(c);

/** Unicode punctuation and symbols, for the emphasis flanking rules. */
export const isPunct = (c: string | undefined): boolean => c !== undefined && /^[\p{P}\p{S}]$/u.test(c);

export const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);

/** Columns of leading whitespace, a tab reaching the next multiple of 4 (CommonMark's tab stops). */
export function indentOf(line: string): number {
  let column = 0;
  for (const c of line) {
    if (c === ' ') column++;
    else if (c === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

/**
 * `line` without its first `columns` columns of indentation. A tab only partly inside them leaves the rest
 * as spaces; other tabs are kept, so a code block copies with the tabs it was written with.
 */
export function stripColumns(line: string, columns: number): string {
  let column = 0;
  let k = 0;
  while (k < line.length && column < columns) {
    if (line[k] === ' ') column++;
    else if (line[k] === '\t') {
      const width = 4 - (column % 4);
      if (column + width > columns) return ' '.repeat(column + width - columns) + line.slice(k + 1);
      column += width;
    } else break;
    k++;
  }
  return line.slice(k);
}

/**
 * Leading spaces and tabs removed. Markdown strips only these; String#trim would also eat a no-break space.
 * By hand at the end, because `/[ \t]+$/` is quadratic on a long run of spaces.
 */
export const trimStartSpaces = (text: string): string => text.replace(/^[ \t]+/, '');

export function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(0, end);
}

export const trimSpaces = (text: string): string => trimEndSpaces(trimStartSpaces(text));

/**
 * The named references a chat answer realistically uses. The full HTML table is 2,000+ names and would
 * cost more bundle than the rest of the renderer; an unknown name stays literal text, which is harmless.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  times: '×',
  divide: '÷',
  plusmn: '±',
  deg: '°',
  middot: '·',
  bull: '•',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  check: '✓',
};

/** `&amp;`, `&#58;`, `&#x3a;` at a position (sticky), or null when it is not a known reference. */
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/y;

export function entityAt(text: string, at: number): { value: string; end: number } | null {
  ENTITY.lastIndex = at;
  const m = ENTITY.exec(text);
  if (!m) return null;
  if (m[3] !== undefined) {
    const value = NAMED[m[3]];
    return value === undefined ? null : { value, end: ENTITY.lastIndex };
  }
  const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
  // NUL, surrogates and out-of-range code points become U+FFFD, as CommonMark says.
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return { value: valid ? String.fromCodePoint(code) : '\ufffd', end: ENTITY.lastIndex };
}

/**
 * Backslash escapes and character references resolved, as in a link destination or title. The result is
 * what the href check sees, so `JaVaScRiPt&#58;` is judged as the `javascript:` it decodes to.
 */
export function unescapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && isAsciiPunct(text[i + 1])) {
      out += text[++i];
    } else if (c === '&') {
      const entity = entityAt(text, i);
      if (entity) {
        out += entity.value;
        i = entity.end - 1;
      } else out += c;
    } else out += c;
  }
  return out;
}
