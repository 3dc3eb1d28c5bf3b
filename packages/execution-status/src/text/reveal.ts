/**
 * Makes characters visible that could hide what a text really says: bidi controls, zero-width and other
 * invisible characters, control characters and (optionally) any non-ASCII character, which in a kubectl
 * command is usually a look-alike (Cyrillic `а` for Latin `a`).
 */

/** A piece of text: plain, or one suspicious character shown as a marker such as `⟦U+202E⟧`. */
export interface RevealedPiece {
  readonly text: string;
  /** Set when the piece is a marker: the code point, e.g. `U+202E`. */
  readonly codePoint?: string;
  /** What the hidden character is: `bidi`, `invisible`, `control` or `non-ascii`. */
  readonly kind?: 'bidi' | 'invisible' | 'control' | 'non-ascii';
}

type Range = readonly [number, number];
const BIDI: readonly Range[] = [
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const INVISIBLE: readonly Range[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200d],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];
const CONTROL: readonly Range[] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
];
const within = (code: number, ranges: readonly Range[]) =>
  ranges.some(([lo, hi]) => code >= lo && code <= hi);

function kindOf(char: string, nonAscii: boolean): RevealedPiece['kind'] | undefined {
  const code = char.codePointAt(0)!;
  if (within(code, BIDI)) return 'bidi';
  if (within(code, INVISIBLE)) return 'invisible';
  if (within(code, CONTROL)) return 'control';
  if (nonAscii && code > 0x7e) return 'non-ascii';
  return undefined;
}

/** `U+202E` for a character. */
export function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Splits text into plain pieces and markers for suspicious characters. With `nonAscii`, every character
 * outside printable ASCII is marked too (use it for commands, not for free text).
 */
export function revealHidden(text: string, options: { nonAscii?: boolean } = {}): RevealedPiece[] {
  const nonAscii = options.nonAscii ?? false;
  const pieces: RevealedPiece[] = [];
  let plain = '';
  for (const char of text) {
    const kind = char === '\n' || char === '\t' ? undefined : kindOf(char, nonAscii);
    if (!kind) {
      plain += char;
      continue;
    }
    if (plain) pieces.push({ text: plain });
    plain = '';
    const codePoint = codePointLabel(char);
    pieces.push({ text: `⟦${codePoint}⟧`, codePoint, kind });
  }
  if (plain) pieces.push({ text: plain });
  return pieces;
}

/** How many suspicious characters a text holds. */
export function countHidden(text: string, options: { nonAscii?: boolean } = {}): number {
  return revealHidden(text, options).filter((piece) => piece.codePoint).length;
}
