/** A token of highlighted code: its text and, unless plain, a class name such as `tok-key`. */
export interface CodeToken {
  readonly text: string;
  readonly kind?: 'cmd' | 'verb' | 'flag' | 'string' | 'comment' | 'key' | 'literal' | 'punct';
}

/** The languages the tokenizer knows; anything else is shown as plain text. */
export const HIGHLIGHT_LANGUAGES = ['kubectl', 'yaml', 'json'] as const;
export type HighlightLanguage = (typeof HIGHLIGHT_LANGUAGES)[number];

const SHELL = new Set(['kubectl', 'sh', 'bash', 'shell', 'console', 'shell-session']);

/** Maps a fenced code block's info string to a known language, or null. */
export function languageOf(info: string | undefined, text: string): HighlightLanguage | null {
  const lang = (info ?? '').trim().split(/\s+/)[0]!.toLowerCase();
  if (SHELL.has(lang)) return 'kubectl';
  if (lang === 'yaml' || lang === 'yml') return 'yaml';
  if (lang === 'json') return 'json';
  if (!lang && /^\s*(\$\s*)?kubectl\b/.test(text)) return 'kubectl';
  return null;
}

function scan(text: string, pattern: RegExp, classify: (match: RegExpExecArray) => CodeToken['kind']) {
  const tokens: CodeToken[] = [];
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    if (m.index > last) tokens.push({ text: text.slice(last, m.index) });
    const kind = classify(m);
    tokens.push(kind ? { text: m[0], kind } : { text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) tokens.push({ text: text.slice(last) });
  return tokens;
}

const SHELL_RE =
  /#[^\n]*|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|(?<![\w-])--?[A-Za-z][\w-]*(?:=\S*)?|\bkubectl\b|[|;&]+/g;
const YAML_RE =
  /#[^\n]*|^[ \t]*-?[ \t]*[\w./-]+(?=:(?:\s|$))|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\b(?:true|false|null|\d+(?:\.\d+)?)\b/gm;
const JSON_RE =
  /"(?:[^"\\\n]|\\.)*"(?=\s*:)|"(?:[^"\\\n]|\\.)*"|-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b|\b(?:true|false|null)\b|[{}[\],:]/g;

/** Splits code into tokens for highlighting; concatenating the tokens' text gives back `text`. */
export function tokenize(text: string, language: HighlightLanguage): CodeToken[] {
  if (language === 'kubectl') {
    return scan(text, SHELL_RE, ([t]) => {
      if (t.startsWith('#')) return 'comment';
      if (t.startsWith('"') || t.startsWith("'")) return 'string';
      if (t.startsWith('-')) return 'flag';
      if (t === 'kubectl') return 'cmd';
      return 'punct';
    });
  }
  if (language === 'yaml') {
    return scan(text, YAML_RE, ([t]) => {
      if (t.startsWith('#')) return 'comment';
      if (t.startsWith('"') || t.startsWith("'")) return 'string';
      if (/^(true|false|null|\d)/.test(t)) return 'literal';
      return 'key';
    });
  }
  return scan(text, JSON_RE, (m) => {
    const t = m[0];
    if (t.startsWith('"')) return /^\s*:/.test(m.input.slice(m.index + t.length)) ? 'key' : 'string';
    if (/^[{}[\],:]$/.test(t)) return 'punct';
    return 'literal';
  });
}

/** Fills `target` with highlighted spans built from text nodes only (never HTML). */
export function highlightInto(target: Element, text: string, language: HighlightLanguage): void {
  const doc = target.ownerDocument;
  target.replaceChildren();
  for (const token of tokenize(text, language)) {
    if (!token.kind) {
      target.append(doc.createTextNode(token.text));
      continue;
    }
    const span = doc.createElement('span');
    span.className = `tok-${token.kind}`;
    span.textContent = token.text;
    target.append(span);
  }
}
