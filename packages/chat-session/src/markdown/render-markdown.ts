import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { highlightInto, languageOf } from './highlight.js';

const ALLOWED_TAGS = [
  'a',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
];
const ALLOWED_ATTR = ['href', 'title'];
/** Only web and mail links survive; javascript:, data:, vbscript: and relative URLs are dropped. */
const SAFE_URL = /^(?:https?:|mailto:)/i;

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

let languages: string[] = [];

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in a message is shown as text, never parsed.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escape(text),
    // Images are never loaded: they become a link the person may choose to open.
    image: ({ href, text }: Tokens.Image) => `<a href="${escape(href)}">Image: ${escape(text || href)}</a>`,
    // The language travels beside the HTML (in block order), so no attribute has to survive sanitizing.
    code: ({ text, lang }: Tokens.Code) => {
      languages.push(lang ?? '');
      return `<pre><code>${escape(text)}</code></pre>`;
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | undefined;
function purify(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href && !SAFE_URL.test(href.trim())) node.removeAttribute('href');
    if (node.hasAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
  return purifier;
}

/**
 * Renders untrusted Markdown into a detached element: marked (raw HTML escaped, images as links) →
 * DOMPurify with an allow-list, returning a DOM fragment (no string ever becomes live HTML, so it also works
 * under Trusted Types) → code blocks highlighted with text-node spans.
 */
export function renderMarkdown(source: string): HTMLElement {
  const container = document.createElement('div');
  container.className = 'markdown';
  languages = [];
  const html = marked.parse(source, { async: false });
  const infos = languages;
  const fragment = purify().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, 'rel', 'target'],
    ALLOWED_URI_REGEXP: SAFE_URL,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  container.append(fragment);
  let block = 0;
  for (const code of container.querySelectorAll('pre > code')) {
    const text = code.textContent ?? '';
    const language = languageOf(infos[block++] ?? '', text);
    if (language) highlightInto(code, text, language);
    code.parentElement!.setAttribute('data-lang', language ?? 'text');
  }
  return container;
}
