import { createImageLink, createLink } from './links.js';
import { entityAt, isAsciiPunct, isPunct, isSpace, trimEndSpaces, unescapeText } from './text.js';

/**
 * Inline Markdown (emphasis, strong, strikethrough, code spans, links, autolinks, images as links, line
 * breaks) appended to a parent as DOM nodes. Text only ever becomes text nodes and the only attributes set
 * are href/title/rel/target on links (see links.ts), so the output is inert by construction.
 *
 * Emphasis follows CommonMark's delimiter-run algorithm (the one commonmark.js uses): runs of `*`, `_`
 * and `~` are appended as text nodes and remembered on a stack; closers are matched to openers at the end
 * (or when a link closes) and the nodes between are moved into `<em>`/`<strong>`/`<del>`. Its
 * "openers bottom" bookkeeping keeps long hostile runs of delimiters linear instead of quadratic.
 */

interface Delimiter {
  readonly node: Text;
  readonly char: string;
  /** The run's length as written (the "multiple of 3" rule uses it). */
  readonly length: number;
  /** Characters of the run not yet used by a match. */
  count: number;
  readonly canOpen: boolean;
  readonly canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  readonly node: Text;
  readonly image: boolean;
  /** False once a link closed after it: links may not contain links. */
  active: boolean;
  /** Top of the delimiter stack when the bracket opened: emphasis inside the link stops there. */
  readonly delimiter: Delimiter | null;
  readonly prev: Bracket | null;
}

/**
 * Longer runs are shown as written. Nobody emphasises with twenty asterisks, and a 5,000-asterisk run would
 * otherwise nest 2,500 `<strong>` elements.
 */
const MAX_RUN = 16;
/** Bounds nested parentheses in a link destination, so `[a](((((…` fails fast. */
const MAX_PARENS = 32;
/**
 * Emphasis nested deeper than this is shown with its delimiters as written. Each level moves everything
 * inside it into a new element, and the browser walks a moved subtree, so 1,600 levels of `*a *a …` would
 * cost quadratic time.
 */
const MAX_NESTING = 32;

/** Characters where something other than plain text may start. */
const SPECIAL = /[\n\\`*_~[\]!<&hHwW]/g;
/** `<scheme:…>` autolinks (any scheme parses; only safe ones get an href). */
const URI_AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s\p{Cc}]*)>/uy;
const EMAIL_AUTOLINK =
  /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
/** A raw HTML open or closing tag: kept as literal text, in one piece, so nothing inside it is parsed. */
const HTML_TAG =
  /<(?:[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?|\/[A-Za-z][A-Za-z0-9-]*\s*)>/y;
/** GFM's bare autolinks: `https://…`, `http://…` and `www.…`, up to whitespace or `<`. */
const BARE_URL = /(?:https?:\/\/|www\.)[\w-][^\s<]*/iy;

/** Appends the inline content of `text` (a paragraph, heading or table cell) to `parent`. */
export function renderInline(text: string, parent: Element | DocumentFragment): void {
  new InlineParser(text, parent).run();
}

class InlineParser {
  readonly #src: string;
  readonly #parent: Element | DocumentFragment;
  readonly #doc: Document;
  #pos = 0;
  /** Plain text not yet appended, so consecutive characters become one text node. */
  #buf = '';
  #delimiters: Delimiter | null = null;
  #brackets: Bracket | null = null;
  /** Start offsets of backtick runs by run length, built on the first backtick (see #closingBackticks). */
  #backticks: Map<number, number[]> | null = null;
  readonly #backtickCursor = new Map<number, number>();
  /** How deep the inline elements built so far nest (a text node is 0), for MAX_NESTING. */
  readonly #depths = new WeakMap<Node, number>();

  constructor(src: string, parent: Element | DocumentFragment) {
    this.#src = src;
    this.#parent = parent;
    this.#doc = (parent.ownerDocument ?? document) as Document;
  }

  run(): void {
    const src = this.#src;
    while (this.#pos < src.length) {
      SPECIAL.lastIndex = this.#pos;
      const found = SPECIAL.exec(src);
      const at = found ? found.index : src.length;
      this.#buf += src.slice(this.#pos, at);
      this.#pos = at;
      if (found) this.#special(found[0]);
    }
    this.#flush();
    this.#processEmphasis(null);
  }

  #special(c: string): void {
    const src = this.#src;
    const pos = this.#pos;
    switch (c) {
      case '\n':
        // `breaks: true`: every newline inside a paragraph is a line break; spaces around it are dropped.
        this.#buf = trimEndSpaces(this.#buf);
        this.#append(this.#doc.createElement('br'));
        this.#pos = pos + 1;
        while (src[this.#pos] === ' ' || src[this.#pos] === '\t') this.#pos++;
        return;
      case '\\':
        if (isAsciiPunct(src[pos + 1])) {
          this.#buf += src[pos + 1];
          this.#pos = pos + 2;
        } else {
          // A backslash before a newline is a hard break, which the newline already gives.
          if (src[pos + 1] !== '\n') this.#buf += '\\';
          this.#pos = pos + 1;
        }
        return;
      case '`':
        return this.#codeSpan();
      case '*':
      case '_':
      case '~':
        return this.#delimiterRun(c);
      case '[':
        return this.#openBracket(false, '[');
      case '!':
        if (src[pos + 1] === '[') return this.#openBracket(true, '![');
        break;
      case ']':
        return this.#closeBracket();
      case '<':
        if (this.#angle()) return;
        break;
      case '&': {
        const entity = entityAt(src, pos);
        if (entity) {
          this.#buf += entity.value;
          this.#pos = entity.end;
          return;
        }
        break;
      }
      default:
        if (this.#bareUrl()) return;
    }
    this.#buf += c;
    this.#pos = pos + 1;
  }

  #flush(): void {
    if (!this.#buf) return;
    this.#parent.append(this.#doc.createTextNode(this.#buf));
    this.#buf = '';
  }

  #append(node: Node): void {
    this.#flush();
    this.#parent.append(node);
  }

  #codeSpan(): void {
    const src = this.#src;
    let end = this.#pos;
    while (src[end] === '`') end++;
    const length = end - this.#pos;
    const close = this.#closingBackticks(end, length);
    if (close < 0) {
      this.#buf += src.slice(this.#pos, end);
      this.#pos = end;
      return;
    }
    let text = src.slice(end, close).replace(/\n/g, ' ');
    if (text.length > 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim())
      text = text.slice(1, -1);
    const code = this.#doc.createElement('code');
    code.textContent = text;
    this.#append(code);
    this.#pos = close + length;
  }

  /**
   * The next backtick run of exactly `length` at or after `from`, or -1. Runs are indexed once and each
   * length's cursor only moves forward, so many unclosed backticks cost linear time, not quadratic.
   */
  #closingBackticks(from: number, length: number): number {
    if (!this.#backticks) {
      this.#backticks = new Map();
      const runs = /`+/g;
      for (let m = runs.exec(this.#src); m; m = runs.exec(this.#src)) {
        const list = this.#backticks.get(m[0].length) ?? [];
        list.push(m.index);
        this.#backticks.set(m[0].length, list);
      }
    }
    const list = this.#backticks.get(length);
    if (!list) return -1;
    let i = this.#backtickCursor.get(length) ?? 0;
    while (i < list.length && list[i]! < from) i++;
    this.#backtickCursor.set(length, i);
    return i < list.length ? list[i]! : -1;
  }

  #delimiterRun(char: string): void {
    const src = this.#src;
    const start = this.#pos;
    let end = start;
    while (src[end] === char) end++;
    const length = end - start;
    const before = src[start - 1];
    const after = src[end];
    const leftFlanking = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const rightFlanking = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    let canOpen = leftFlanking;
    let canClose = rightFlanking;
    if (char === '_') {
      // Intraword underscores (snake_case names) are not emphasis.
      canOpen = leftFlanking && (!rightFlanking || isPunct(before));
      canClose = rightFlanking && (!leftFlanking || isPunct(after));
    }
    if (length > MAX_RUN || (char === '~' && length > 2)) canOpen = canClose = false;
    const node = this.#doc.createTextNode(src.slice(start, end));
    this.#append(node);
    this.#pos = end;
    if (!canOpen && !canClose) return;
    const delimiter: Delimiter = {
      node,
      char,
      length,
      count: length,
      canOpen,
      canClose,
      prev: this.#delimiters,
      next: null,
    };
    if (this.#delimiters) this.#delimiters.next = delimiter;
    this.#delimiters = delimiter;
  }

  #openBracket(image: boolean, text: string): void {
    const node = this.#doc.createTextNode(text);
    this.#append(node);
    this.#brackets = { node, image, active: true, delimiter: this.#delimiters, prev: this.#brackets };
    this.#pos += text.length;
  }

  #closeBracket(): void {
    const opener = this.#brackets;
    const link = opener?.active ? this.#inlineLink(this.#pos + 1) : null;
    if (!opener || !link) {
      if (opener) this.#brackets = opener.prev;
      this.#buf += ']';
      this.#pos++;
      return;
    }
    this.#flush();
    // Everything after the opening bracket is the link's text; its emphasis is settled inside it.
    const content = this.#doc.createDocumentFragment();
    for (let n = opener.node.nextSibling; n; n = opener.node.nextSibling) content.append(n);
    const holder = opener.image ? content : createLink(this.#doc, link.dest, link.title);
    if (holder !== content) holder.append(content);
    this.#processEmphasis(opener.delimiter);
    let node: Node;
    if (!opener.image) this.#depths.set(holder, 1 + this.#deepest(holder.firstChild, null));
    if (opener.image) {
      node = createImageLink(this.#doc, link.dest, altText(content.textContent ?? ''), link.title);
    } else {
      // A bare URL or an image link inside link text would nest anchors: keep their text only.
      for (const inner of (holder as Element).querySelectorAll('a')) inner.replaceWith(...inner.childNodes);
      node = holder;
    }
    opener.node.replaceWith(node);
    this.#brackets = opener.prev;
    // Links may not contain links: every `[` below is now plain text. Below an inactive one, all already are.
    for (let b = this.#brackets; b && !opener.image; b = b.prev) {
      if (b.image) continue;
      if (!b.active) break;
      b.active = false;
    }
    this.#pos = link.end;
  }

  /** `(dest "title")` right after a `]`, or null (then the brackets are plain text). */
  #inlineLink(at: number): { dest: string; title: string | null; end: number } | null {
    const src = this.#src;
    if (src[at] !== '(') return null;
    let p = skipSpace(src, at + 1);
    let dest: string;
    if (src[p] === '<') {
      const start = ++p;
      while (p < src.length && src[p] !== '>') {
        if (src[p] === '\n' || src[p] === '<') return null;
        p += src[p] === '\\' ? 2 : 1;
      }
      if (src[p] !== '>') return null;
      dest = src.slice(start, p++);
    } else {
      const start = p;
      let depth = 0;
      while (p < src.length) {
        const c = src[p]!;
        if (c === '\\' && isAsciiPunct(src[p + 1])) p += 2;
        else if (c === '(') {
          if (++depth > MAX_PARENS) return null;
          p++;
        } else if (c === ')') {
          if (depth === 0) break;
          depth--;
          p++;
        } else if (c <= ' ') break;
        else p++;
      }
      if (depth) return null;
      dest = src.slice(start, p);
    }
    const afterDest = p;
    p = skipSpace(src, p);
    let title: string | null = null;
    const quote = src[p];
    if (p > afterDest && (quote === '"' || quote === "'" || quote === '(')) {
      const close = quote === '(' ? ')' : quote;
      const start = ++p;
      while (p < src.length && src[p] !== close) {
        if (quote === '(' && src[p] === '(') return null;
        p += src[p] === '\\' ? 2 : 1;
      }
      if (src[p] !== close) return null;
      title = unescapeText(src.slice(start, p++));
      p = skipSpace(src, p);
    }
    if (src[p] !== ')') return null;
    return { dest: unescapeText(dest), title, end: p + 1 };
  }

  /** `<https://…>`, `<someone@example.test>`, or a raw HTML tag kept whole as literal text. */
  #angle(): boolean {
    const src = this.#src;
    for (const [pattern, email] of [
      [URI_AUTOLINK, false],
      [EMAIL_AUTOLINK, true],
    ] as const) {
      pattern.lastIndex = this.#pos;
      const m = pattern.exec(src);
      if (m) {
        const a = createLink(this.#doc, email ? `mailto:${m[1]}` : m[1]!);
        a.textContent = m[1]!;
        this.#append(a);
        this.#pos = pattern.lastIndex;
        return true;
      }
    }
    HTML_TAG.lastIndex = this.#pos;
    const tag = HTML_TAG.exec(src);
    if (!tag) return false;
    this.#buf += tag[0];
    this.#pos = HTML_TAG.lastIndex;
    return true;
  }

  /** A bare `https://…` or `www.…` at the start of a word (GFM's autolink extension). */
  #bareUrl(): boolean {
    const src = this.#src;
    const before = src[this.#pos - 1];
    if (before !== undefined && !/[\s*_~(]/.test(before)) return false;
    BARE_URL.lastIndex = this.#pos;
    const m = BARE_URL.exec(src);
    if (!m) return false;
    const url = trimUrl(m[0]);
    const a = createLink(this.#doc, /^www\./i.test(url) ? `http://${url}` : url);
    a.textContent = url;
    this.#append(a);
    this.#pos += url.length;
    return true;
  }

  /**
   * Matches closers with openers above `bottom` and wraps what lies between (the pair's nodes are always
   * siblings: a closed link took all of its delimiters' nodes along); then forgets those delimiters.
   */
  #processEmphasis(bottom: Delimiter | null): void {
    const openersBottom = new Map<string, Delimiter | null>();
    let closer = this.#delimiters === bottom ? null : this.#delimiters;
    while (closer && closer.prev !== bottom) closer = closer.prev;
    while (closer) {
      if (!closer.canClose) {
        closer = closer.next;
        continue;
      }
      const key = `${closer.char}${closer.canOpen ? 1 : 0}${closer.length % 3}`;
      const floor = openersBottom.has(key) ? openersBottom.get(key)! : bottom;
      let opener = closer.prev;
      while (opener && opener !== bottom && opener !== floor) {
        const oddMatch =
          (closer.canOpen || opener.canClose) &&
          closer.length % 3 !== 0 &&
          (opener.length + closer.length) % 3 === 0;
        const fits = closer.char === '~' ? opener.count === closer.count : !oddMatch;
        if (opener.char === closer.char && opener.canOpen && fits) break;
        opener = opener.prev;
      }
      if (!opener || opener === bottom || opener === floor) {
        const next = closer.next;
        openersBottom.set(key, closer.prev);
        if (!closer.canOpen) this.#remove(closer);
        closer = next;
        continue;
      }
      const inner = this.#deepest(opener.node.nextSibling, closer.node);
      if (inner >= MAX_NESTING) {
        // Too deep: this opener and every one below it could only close around this content, so they
        // are all text now; the closer is treated as if no opener had been found.
        for (let d: Delimiter | null = opener; d && d !== bottom; d = d.prev) this.#remove(d);
        openersBottom.clear();
        const next = closer.next;
        if (!closer.canOpen) this.#remove(closer);
        closer = next;
        continue;
      }
      const use = closer.char === '~' ? closer.count : closer.count >= 2 && opener.count >= 2 ? 2 : 1;
      opener.count -= use;
      closer.count -= use;
      opener.node.data = opener.node.data.slice(use);
      closer.node.data = closer.node.data.slice(use);
      const wrap = this.#doc.createElement(closer.char === '~' ? 'del' : use === 2 ? 'strong' : 'em');
      for (let n = opener.node.nextSibling; n && n !== closer.node; n = opener.node.nextSibling)
        wrap.append(n);
      opener.node.after(wrap);
      this.#depths.set(wrap, inner + 1);
      // Delimiters between the pair are now literal text inside the wrapper.
      opener.next = closer;
      closer.prev = opener;
      if (!opener.count) {
        opener.node.remove();
        this.#remove(opener);
      }
      if (!closer.count) {
        const next = closer.next;
        closer.node.remove();
        this.#remove(closer);
        closer = next;
      }
    }
    while (this.#delimiters && this.#delimiters !== bottom) this.#remove(this.#delimiters);
  }

  /** The deepest nesting among the siblings from `first` up to (not including) `end`. */
  #deepest(first: Node | null, end: Node | null): number {
    let depth = 0;
    for (let n = first; n && n !== end; n = n.nextSibling) {
      depth = Math.max(depth, n.nodeType === Node.TEXT_NODE ? 0 : (this.#depths.get(n) ?? 1));
    }
    return depth;
  }

  #remove(d: Delimiter): void {
    if (d.prev) d.prev.next = d.next;
    if (d.next) d.next.prev = d.prev;
    else this.#delimiters = d.prev;
  }
}

/**
 * An image's alt text, at most 200 characters: it is a label, and `![![![…` nested thousands deep would
 * otherwise repeat the growing inner text at every level.
 */
function altText(text: string): string {
  const alt = text.trim();
  return alt.length > 200 ? `${alt.slice(0, 200)}…` : alt;
}

function skipSpace(src: string, p: number): number {
  while (src[p] === ' ' || src[p] === '\t' || src[p] === '\n') p++;
  return p;
}

/**
 * GFM's trailing-punctuation rule: "see https://x.test/a." links `https://x.test/a`; a closing `)` stays only
 * while it balances an opening one; a trailing `&name;` is not part of the URL. Linear: the parentheses are
 * counted once.
 */
function trimUrl(url: string): string {
  let open = 0;
  let close = 0;
  for (const c of url) {
    if (c === '(') open++;
    else if (c === ')') close++;
  }
  let end = url.length;
  for (;;) {
    const last = url[end - 1]!;
    if ('?!.,:*_~\'"'.includes(last)) end--;
    else if (last === ')' && close > open) {
      end--;
      close--;
    } else if (last === ';') {
      const amp = url.lastIndexOf('&', end - 1);
      if (amp < 0 || !/^&[A-Za-z0-9]+;$/.test(url.slice(amp, end))) break;
      end = amp;
    } else break;
  }
  return url.slice(0, end);
}
