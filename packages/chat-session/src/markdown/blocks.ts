import { highlightInto, languageOf } from './highlight.js';
import { renderInline } from './inline.js';
import { indentOf, isBlank, stripColumns, trimSpaces, trimStartSpaces } from './text.js';

/**
 * Block Markdown: ATX headings, paragraphs, fenced and indented code, blockquotes, nested lists, thematic
 * breaks and GFM tables, built as DOM elements into a parent. Containers (quotes, list items) collect their
 * lines with the markers stripped and render them recursively; inline content goes to inline.ts.
 *
 * Not supported, on purpose (rare in chat answers, and each would cost bundle): setext headings (`---`
 * under a line is a rule here), reference links, HTML blocks (raw HTML is literal text) and table
 * alignment (the old sanitizer dropped `align` too).
 */

/**
 * Quotes and lists deeper than this are shown as text: `>>>>…` 10,000 characters long must not recurse
 * 10,000 times, and every level copies its lines once.
 */
const MAX_DEPTH = 16;

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const QUOTE = /^ {0,3}> ?/;
const LIST_MARKER = /^ {0,3}(?:([-+*])|(\d{1,9})([.)]))(?=[ \t]|$)/;

interface ListMarker {
  readonly ordered: boolean;
  /** The bullet character, or the `.`/`)` after the number: a different one starts a new list. */
  readonly kind: string;
  readonly start: number;
  /** Columns from the line start to the item's content; continuation lines are indented this much. */
  readonly width: number;
  readonly first: string;
}

/** Appends the blocks of `lines` to `parent`. */
export function renderBlocks(lines: readonly string[], parent: Element, depth = 0): void {
  const nest = depth < MAX_DEPTH;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) i++;
    else if (indentOf(line) >= 4) i = indentedCode(lines, i, parent);
    else if (fenceOf(line)) i = fencedCode(lines, i, parent);
    else if (ATX.test(line)) i = heading(line, i, parent);
    else if (isRule(line)) {
      parent.append(el(parent, 'hr'));
      i++;
    } else if (nest && QUOTE.test(line)) i = blockquote(lines, i, parent, depth);
    else if (nest && listMarker(line)) i = list(lines, i, parent, depth);
    else if (isTableStart(lines, i)) i = table(lines, i, parent);
    else i = paragraph(lines, i, parent, nest);
  }
}

const el = <K extends keyof HTMLElementTagNameMap>(parent: Node, tag: K): HTMLElementTagNameMap[K] =>
  (parent.ownerDocument ?? document).createElement(tag);

/** `---`, `***`, `___` (three or more, spaces allowed between). */
function isRule(line: string): boolean {
  if (indentOf(line) > 3) return false;
  return /^(?:-{3,}|\*{3,}|_{3,})$/.test(line.replace(/[ \t]/g, ''));
}

/** An opening code fence; a backtick fence's info string may not contain a backtick (CommonMark). */
function fenceOf(line: string): RegExpExecArray | null {
  const m = FENCE.exec(line);
  return m && !(m[2]![0] === '`' && m[3]!.includes('`')) ? m : null;
}

function listMarker(line: string): ListMarker | null {
  const m = LIST_MARKER.exec(line);
  if (!m) return null;
  const rest = line.slice(m[0].length);
  const content = trimStartSpaces(rest);
  const spaces = rest.length - content.length;
  // Five or more spaces after the marker start indented code inside the item; a blank first line has none.
  const pad = !content || spaces > 4 ? 1 : spaces;
  return {
    ordered: m[2] !== undefined,
    kind: m[1] ?? m[3]!,
    start: m[2] !== undefined ? Number(m[2]) : 1,
    width: m[0].length + pad,
    first: content ? line.slice(m[0].length + pad) : '',
  };
}

/**
 * Whether `line` starts a block that ends a paragraph. A list interrupts a paragraph only with content,
 * and a numbered one only from 1, so "2019. was a good year" stays a sentence (CommonMark's rule).
 */
function interrupts(line: string, nest: boolean): boolean {
  if (isBlank(line)) return true;
  if (indentOf(line) > 3) return false;
  if (fenceOf(line) || ATX.test(line) || isRule(line)) return true;
  if (!nest) return false;
  if (QUOTE.test(line)) return true;
  const marker = listMarker(line);
  return !!marker && !!marker.first.trim() && (!marker.ordered || marker.start === 1);
}

function paragraph(lines: readonly string[], i: number, parent: Element, nest: boolean): number {
  const text = [trimStartSpaces(lines[i]!)];
  let j = i + 1;
  while (j < lines.length && !interrupts(lines[j]!, nest) && !isTableStart(lines, j)) {
    text.push(trimStartSpaces(lines[j]!));
    j++;
  }
  const p = el(parent, 'p');
  renderInline(trimSpaces(text.join('\n')), p);
  parent.append(p);
  return j;
}

function heading(line: string, i: number, parent: Element): number {
  const m = ATX.exec(line)!;
  let text = trimSpaces(line.slice(m[0].length));
  // An optional closing run of #s, only when a space separates it (`# C#` keeps its #).
  let end = text.length;
  while (end && text[end - 1] === '#') end--;
  if (end === 0) text = '';
  else if (end < text.length && (text[end - 1] === ' ' || text[end - 1] === '\t')) {
    text = trimSpaces(text.slice(0, end));
  }
  const h = el(parent, `h${m[1]!.length}` as 'h1');
  renderInline(text, h);
  parent.append(h);
  return i + 1;
}

/** A `<pre><code>`; known languages are highlighted with text-node spans, `data-lang` says which. */
function codeBlock(parent: Element, text: string, info: string): void {
  const pre = el(parent, 'pre');
  const code = el(parent, 'code');
  code.textContent = text;
  const language = languageOf(info, text);
  if (language) highlightInto(code, text, language);
  pre.setAttribute('data-lang', language ?? 'text');
  pre.append(code);
  parent.append(pre);
}

function fencedCode(lines: readonly string[], i: number, parent: Element): number {
  const [, indent, fence, info] = fenceOf(lines[i]!)!;
  const body: string[] = [];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
    if (close && close[1]![0] === fence![0] && close[1]!.length >= fence!.length) break;
    // Content lines lose as much indentation as the opening fence had.
    body.push(stripColumns(line, indent!.length));
  }
  codeBlock(parent, body.join('\n'), trimSpaces(info!));
  // An unclosed fence runs to the end of its container, as CommonMark says.
  return Math.min(j + 1, lines.length);
}

function indentedCode(lines: readonly string[], i: number, parent: Element): number {
  const body: string[] = [];
  let j = i;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    if (!isBlank(line) && indentOf(line) < 4) break;
    body.push(stripColumns(line, 4));
  }
  while (body.length && isBlank(body[body.length - 1]!)) body.pop();
  codeBlock(parent, body.join('\n'), '');
  return j;
}

function blockquote(lines: readonly string[], i: number, parent: Element, depth: number): number {
  const inner: string[] = [];
  let j = i;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    const m = QUOTE.exec(line);
    if (m) inner.push(line.slice(m[0].length));
    // A "lazy" line without `>` continues the quote's paragraph.
    else if (!isBlank(inner[inner.length - 1]!) && !interrupts(line, true)) inner.push(line);
    else break;
  }
  const quote = el(parent, 'blockquote');
  renderBlocks(inner, quote, depth + 1);
  parent.append(quote);
  return j;
}

function list(lines: readonly string[], i: number, parent: Element, depth: number): number {
  const first = listMarker(lines[i]!)!;
  const list = el(parent, first.ordered ? 'ol' : 'ul');
  if (first.ordered && first.start !== 1) list.setAttribute('start', String(first.start));
  const items: HTMLLIElement[] = [];
  let loose = false;
  let gap = false;
  let j = i;
  while (j < lines.length) {
    const marker = isRule(lines[j]!) ? null : listMarker(lines[j]!);
    if (!marker || marker.ordered !== first.ordered || marker.kind !== first.kind) break;
    // A blank line between items makes the list loose (its items keep their <p>).
    if (gap) loose = true;
    const item = [marker.first];
    for (j++; j < lines.length; j++) {
      const line = lines[j]!;
      if (isBlank(line)) item.push('');
      else if (indentOf(line) >= marker.width) item.push(stripColumns(line, marker.width));
      // A lazy continuation of the item's paragraph; any list marker starts the next item instead.
      else if (!isBlank(item[item.length - 1]!) && !interrupts(line, true) && !listMarker(line))
        item.push(line);
      else break;
    }
    let trailing = 0;
    while (item.length > 1 && isBlank(item[item.length - 1]!)) {
      item.pop();
      trailing++;
    }
    gap = trailing > 0;
    // So does a blank line between two blocks of one item.
    if (item.some((line, k) => k > 0 && isBlank(line))) loose = true;
    const li = el(parent, 'li');
    renderBlocks(item, li, depth + 1);
    list.append(li);
    items.push(li);
  }
  if (!loose) {
    // A static array: a live `children` collection would be re-walked after every change (quadratic).
    for (const li of items) {
      for (const p of [...li.children]) if (p.localName === 'p') p.replaceWith(...p.childNodes);
    }
  }
  parent.append(list);
  return j;
}

/** A GFM table row split on unescaped pipes; `\|` is a literal pipe inside a cell. */
function cells(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const out: string[] = [];
  let cell = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '\\' && text[k + 1] === '|') {
      cell += '|';
      k++;
    } else if (c === '|') {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

/** A header row followed by a delimiter row (`| --- | :-: |`) with the same number of cells. */
function isTableStart(lines: readonly string[], i: number): boolean {
  const header = lines[i]!;
  const delimiter = lines[i + 1];
  if (delimiter === undefined || !header.includes('|') || !delimiter.includes('|')) return false;
  if (indentOf(header) > 3 || indentOf(delimiter) > 3) return false;
  const marks = cells(delimiter);
  return marks.every((m) => /^:?-+:?$/.test(m)) && marks.length === cells(header).length;
}

function table(lines: readonly string[], i: number, parent: Element): number {
  const columns = cells(lines[i]!).length;
  const row = (line: string, tag: 'th' | 'td') => {
    const tr = el(parent, 'tr');
    const values = cells(line);
    for (let k = 0; k < columns; k++) {
      const cell = el(parent, tag);
      renderInline(values[k] ?? '', cell);
      tr.append(cell);
    }
    return tr;
  };
  const table = el(parent, 'table');
  const head = el(parent, 'thead');
  head.append(row(lines[i]!, 'th'));
  table.append(head);
  let j = i + 2;
  const body = el(parent, 'tbody');
  for (; j < lines.length && !interrupts(lines[j]!, true); j++) body.append(row(lines[j]!, 'td'));
  if (body.children.length) table.append(body);
  parent.append(table);
  return j;
}
