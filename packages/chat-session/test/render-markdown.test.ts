/**
 * The Markdown renderer on its own: each construct it supports, then hostile input. It builds DOM nodes
 * directly, so these tests look at the nodes (tags, attributes, text), never at an HTML string.
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { renderMarkdown } from '../src/index.js';

const md = renderMarkdown;
/** The element tree as tag names, text in quotes, so a structure assertion reads like the output. */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return JSON.stringify(node.nodeValue);
  const el = node as Element;
  const children = [...el.childNodes].map(shape).join(' ');
  return children ? `${el.localName}(${children})` : el.localName;
}
const body = (source: string) => [...md(source).childNodes].map(shape).join(' ');
/** Every attribute name and value in the output, to check that only allow-listed ones ever appear. */
const attributes = (root: Element) =>
  [root, ...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`));
const ALLOWED_ATTRIBUTES =
  /^(class=markdown|href=(https?:|mailto:).*|rel=noopener noreferrer|target=_blank|title=.*|start=\d+|data-lang=\w+|class=tok-\w+)$/s;

describe('renderMarkdown', () => {
  describe('blocks', () => {
    it('returns a div.markdown container', () => {
      const el = md('hi');
      expect(el.localName).to.equal('div');
      expect(el.className).to.equal('markdown');
      expect(md('').childNodes.length).to.equal(0);
    });

    it('renders paragraphs, with a single newline as a line break (breaks: true)', () => {
      expect(body('one\ntwo  \nthree\n\nfour')).to.equal('p("one" br "two" br "three") p("four")');
    });

    it('renders ATX headings, with an optional closing run of #s', () => {
      expect(body('# One\n## Two ##\n###### Six\n####### seven\n#no')).to.equal(
        'h1("One") h2("Two") h6("Six") p("####### seven" br "#no")',
      );
      expect(body('# C#')).to.equal('h1("C#")');
    });

    it('renders rules from ---, *** and ___', () => {
      expect(body('a\n\n---\n\n* * *\n___')).to.equal('p("a") hr hr hr');
    });

    it('renders fenced code (``` and ~~~) with data-lang and highlighting, unclosed to the end', () => {
      const el = md(
        '```kubectl\nkubectl get pods -n prod\n```\n\n~~~\n<b>plain</b>\n~~~\n\n```yaml\nkind: Pod',
      );
      const pres = [...el.querySelectorAll('pre')];
      expect(pres.map((p) => p.dataset['lang'])).to.deep.equal(['kubectl', 'text', 'yaml']);
      expect(pres.map((p) => p.querySelector('code')!.textContent)).to.deep.equal([
        'kubectl get pods -n prod',
        '<b>plain</b>',
        'kind: Pod',
      ]);
      expect(pres[0]!.querySelector('.tok-cmd')!.textContent).to.equal('kubectl');
      expect(pres[0]!.querySelector('.tok-flag')!.textContent).to.equal('-n');
      expect(pres[2]!.querySelector('.tok-key')!.textContent).to.equal('kind');
      expect(el.querySelector('b')).to.equal(null);
    });

    it('lets a fence interrupt a paragraph and keeps its indentation relative to the fence', () => {
      expect(body('Run:\n  ```\n  a\n    b\n  ```')).to.equal('p("Run:") pre(code("a\\n  b"))');
      expect(body('````\n```\n````')).to.equal('pre(code("```"))');
    });

    it('keeps tabs inside code and counts them as 4 columns of indentation', () => {
      expect(md('```\nall:\n\techo hi\n```').querySelector('code')!.textContent).to.equal('all:\n\techo hi');
      expect(body('\tcode\n\n- a\n\t- b')).to.equal('pre(code("code")) ul(li("a" ul(li("b"))))');
    });

    it('renders indented code, which does not interrupt a paragraph', () => {
      expect(body('    x = 1\n\n    y = 2\n\nnext')).to.equal('pre(code("x = 1\\n\\ny = 2")) p("next")');
      expect(body('para\n    still para')).to.equal('p("para" br "still para")');
    });

    it('renders blockquotes, nested and with lazy continuation lines', () => {
      expect(body('> quoted\nlazy\n> > inner\n\nafter')).to.equal(
        'blockquote(p("quoted" br "lazy") blockquote(p("inner"))) p("after")',
      );
    });

    it('renders bullet and numbered lists, nested, tight without <p>', () => {
      expect(body('- a\n- b\n  - c\n  - d\n- e')).to.equal('ul(li("a") li("b" ul(li("c") li("d"))) li("e"))');
      expect(body('3. three\n4. four')).to.equal('ol(li("three") li("four"))');
      expect(md('3. three').querySelector('ol')!.getAttribute('start')).to.equal('3');
      expect(body('* x\n+ y')).to.equal('ul(li("x")) ul(li("y"))');
    });

    it('keeps <p> in loose lists and code inside items', () => {
      expect(body('- a\n\n- b')).to.equal('ul(li(p("a")) li(p("b")))');
      expect(body('1. run\n   ```\n   kubectl get pods\n   ```\n2. done')).to.equal(
        'ol(li("run" pre(code(span("kubectl") " get pods"))) li("done"))',
      );
    });

    it('lets a bullet list and a list starting at 1 interrupt a paragraph, not other numbers', () => {
      expect(body('Pods:\n- api\n- web')).to.equal('p("Pods:") ul(li("api") li("web"))');
      expect(body('Steps:\n1. one')).to.equal('p("Steps:") ol(li("one"))');
      expect(body('In\n2019. it rained')).to.equal('p("In" br "2019. it rained")');
    });

    it('renders GFM pipe tables with a header row, padding short rows', () => {
      expect(body('| pod | restarts |\n| --- | ---: |\n| api | **12** |\n| web')).to.equal(
        'table(thead(tr(th("pod") th("restarts"))) tbody(tr(td("api") td(strong("12"))) tr(td("web") td)))',
      );
      expect(body('a | b\n-|-')).to.equal('table(thead(tr(th("a") th("b"))))');
      expect(body('| a \\| b |\n| --- |')).to.equal('table(thead(tr(th("a | b"))))');
      expect(body('Pods:\n| a | b |\n| - | - |')).to.equal('p("Pods:") table(thead(tr(th("a") th("b"))))');
      expect(body('| a | b |\n| --- |'), 'cell counts differ: not a table').to.equal(
        'p("| a | b |" br "| --- |")',
      );
    });
  });

  describe('inline', () => {
    it('renders emphasis and strong with * and _, and ~~strikethrough~~', () => {
      expect(body('*a* _b_ **c** __d__ ***e*** ~~f~~ ~g~')).to.equal(
        'p(em("a") " " em("b") " " strong("c") " " strong("d") " " em(strong("e")) " " del("f") " " del("g"))',
      );
      expect(body('**bold *and em* inside**')).to.equal('p(strong("bold " em("and em") " inside"))');
    });

    it('keeps intraword underscores, lone delimiters and unmatched runs as text', () => {
      expect(body('snake_case_name and 2 * 3 * 4 and **open')).to.equal(
        'p("snake_case_name and 2 * 3 * 4 and **open")',
      );
      expect(body('a*b*c')).to.equal('p("a" em("b") "c")');
    });

    it('renders code spans, whose content is never parsed', () => {
      expect(body('run `kubectl get *pods*` now')).to.equal('p("run " code("kubectl get *pods*") " now")');
      expect(body('``a ` b``')).to.equal('p(code("a ` b"))');
      expect(body('` x `')).to.equal('p(code("x"))');
      expect(body('`unclosed')).to.equal('p("`unclosed")');
    });

    it('applies backslash escapes and character references as text', () => {
      expect(body('\\*not em\\* \\[x\\] \\\\ \\a')).to.equal('p("*not em* [x] \\\\ \\\\a")');
      expect(body('&lt;b&gt; &amp; &#169; &#x41; &bogus; &#0;')).to.equal('p("<b> & © A &bogus; \uFFFD")');
    });

    it('renders links with title, opened apart with noopener', () => {
      const a = md('[the docs](https://example.test/a_(b) "Read *this*")').querySelector('a')!;
      expect(a.getAttribute('href')).to.equal('https://example.test/a_(b)');
      expect(a.title).to.equal('Read *this*');
      expect(a.rel).to.equal('noopener noreferrer');
      expect(a.target).to.equal('_blank');
      expect(a.textContent).to.equal('the docs');
      expect(body('[**bold** link](<https://x.test/a b>)')).to.equal('p(a(strong("bold") " link"))');
      expect(md('[m](mailto:ops@example.test)').querySelector('a')!.getAttribute('href')).to.equal(
        'mailto:ops@example.test',
      );
    });

    it('does not nest links and leaves brackets without a destination as text', () => {
      expect(body('[a [b](https://b.test) c](https://a.test)')).to.equal(
        'p("[a " a("b") " c](" a("https://a.test") ")")',
      );
      expect(body('[REDACTED token] and [x]')).to.equal('p("[REDACTED token] and [x]")');
    });

    it('renders autolinks: <https://…>, <a@b.test> and bare http(s) / www URLs', () => {
      const el = md(
        '<https://a.test/x> <ops@example.test> see https://b.test/path?q=1. (www.c.test) xhttps://no',
      );
      expect([...el.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal(
        [
          ['https://a.test/x', 'https://a.test/x'],
          ['ops@example.test', 'mailto:ops@example.test'],
          ['https://b.test/path?q=1', 'https://b.test/path?q=1'],
          ['www.c.test', 'http://www.c.test'],
        ],
      );
      expect(el.textContent).to.equal(
        'https://a.test/x ops@example.test see https://b.test/path?q=1. (www.c.test) xhttps://no',
      );
    });

    it('shows images as a link "Image: alt" and never loads them', () => {
      const el = md('![a *pod* diagram](https://img.test/p.png "t") ![](https://img.test/q.png)');
      expect(el.querySelector('img')).to.equal(null);
      const links = [...el.querySelectorAll('a')];
      expect(links.map((a) => a.textContent)).to.deep.equal([
        'Image: a pod diagram',
        'Image: https://img.test/q.png',
      ]);
      expect(links[0]!.getAttribute('href')).to.equal('https://img.test/p.png');
      expect(body('[![x](https://i.test/x.png)](https://a.test)'), 'no anchor inside an anchor').to.equal(
        'p(a("Image: x"))',
      );
    });

    it('shows raw HTML as literal text, tags kept whole', () => {
      expect(body('<b>bold</b> <a href="https://x.test/_a_">y</a> <!-- c -->')).to.equal(
        'p("<b>bold</b> <a href=\\"https://x.test/_a_\\">y</a> <!-- c -->")',
      );
    });
  });

  describe('hostile input', () => {
    const inert = (root: Element) => {
      expect(
        root.querySelectorAll('script, img, svg, iframe, object, embed, style, form, input').length,
      ).to.equal(0);
      for (const attribute of attributes(root)) expect(attribute).to.match(ALLOWED_ATTRIBUTES);
    };

    it('never hands a string to an HTML sink (Trusted Types has nothing to refuse)', () => {
      const sinks = [
        sinon.spy(Element.prototype, 'innerHTML', ['set']).set,
        sinon.spy(Element.prototype, 'outerHTML', ['set']).set,
        sinon.spy(Element.prototype, 'insertAdjacentHTML'),
        sinon.spy(Range.prototype, 'createContextualFragment'),
        sinon.spy(DOMParser.prototype, 'parseFromString'),
        sinon.spy(document, 'write'),
      ];
      try {
        md(
          '# Hi <b>x</b>\n\n**a** _b_ [l](https://a.test) ![i](https://i.test/i.png) <script>1</script>\n\n' +
            '- x\n- y\n\n> q\n\n| a |\n| - |\n| <img src=x onerror=1> |\n\n```kubectl\nkubectl get pods\n```',
        );
      } finally {
        sinon.restore();
      }
      for (const sink of sinks) expect(sink.callCount).to.equal(0);
    });

    it('keeps script, event-handler and embedding markup as text', () => {
      const source = [
        '<script>window.__xss=1</script>',
        '<img src=x onerror="window.__xss=1">',
        '<svg onload=alert(1)><circle r=1></circle></svg>',
        '<iframe src="javascript:alert(1)"></iframe><style>*{display:none}</style>',
        '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
        '```html\n<script>alert(1)</script>\n```',
        '| <img src=x onerror=alert(1)> |\n| --- |',
        '# <script>alert(1)</script>',
        '> <svg/onload=alert(1)>',
      ].join('\n\n');
      const el = md(source);
      inert(el);
      expect(el.textContent).to.include('<img src=x onerror="window.__xss=1">');
      expect(el.textContent).to.include('<script>window.__xss=1</script>');
      expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    });

    it('drops the href of every link that is not http(s) or mailto, however it is spelled', () => {
      const targets = [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        'JaVaScRiPt&#58;alert(1)',
        '&#106;avascript:alert(1)',
        '&#x6A;avascript&colon;alert(1)',
        'java\\script:alert(1)',
        '<java\tscript:alert(1)>',
        '<javascript :alert(1)>',
        '<%20javascript:alert(1)>',
        'vbscript:msgbox(1)',
        'VBScript:msgbox(1)',
        'data:text/html,<script>alert(1)</script>',
        'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
        'file:///etc/passwd',
        '//evil.test/x',
        '/relative',
        '',
      ];
      const source = targets.map((t, i) => `[l${i}](${t}) ![i${i}](${t})`).join('\n');
      const el = md(source);
      inert(el);
      const links = [...el.querySelectorAll('a')];
      expect(links.length).to.equal(targets.length * 2);
      for (const a of links) {
        expect(a.hasAttribute('href'), a.textContent!).to.equal(false);
        expect(a.hasAttribute('target')).to.equal(false);
      }
      const auto = md('<javascript:alert(1)> <data:text/html,x> <vbscript:y> <JAVASCRIPT:z>');
      inert(auto);
      expect([...auto.querySelectorAll('a')].every((a) => !a.hasAttribute('href'))).to.equal(true);
    });

    it('keeps http(s) links whose text or title tries to break out', () => {
      const el = md('[x" onmouseover="alert(1)](https://ok.test/"onmouseover="alert(1) "a\\" onclick=\\"b")');
      inert(el);
      const a = el.querySelector('a')!;
      expect(a.getAttribute('href')).to.equal('https://ok.test/"onmouseover="alert(1)');
      expect(a.title).to.equal('a" onclick="b');
      expect(a.getAttributeNames().sort()).to.deep.equal(['href', 'rel', 'target', 'title']);
    });

    it('survives nested emphasis blowups with a bounded, correct structure', () => {
      // 5,000 opening asterisks then 5,000 closing ones: too long to be emphasis, shown as written.
      const long = `${'*'.repeat(5000)}a${'*'.repeat(5000)}`;
      expect(md(long).textContent).to.equal(long);
      // Alternating openers and closers that never match.
      const alternating = '*a **b _c __d '.repeat(700);
      const el = md(alternating);
      expect(el.textContent).to.equal(alternating.trim());
      expect(el.querySelectorAll('em, strong').length).to.equal(0);
      // Deeply nested, properly closed emphasis: the innermost 32 levels are kept, the outer ones shown as
      // written (each level would move the whole subtree again).
      const nested = `${'*a '.repeat(1000)}x${' b*'.repeat(1000)}`;
      const deep = md(nested);
      expect(deep.querySelectorAll('em').length).to.equal(32);
      expect(deep.textContent).to.equal(
        `${'*a '.repeat(968)}${'a '.repeat(32)}x${' b'.repeat(32)}${' b*'.repeat(968)}`,
      );
      expect(body(`${'*a '.repeat(3)}x${' b*'.repeat(3)}`)).to.equal(
        'p(em("a " em("a " em("a x b") " b") " b"))',
      );
    });

    it('renders 10,000-character pathological inputs completely', () => {
      const cases: [string, (el: HTMLElement) => void][] = [
        [
          '`'.repeat(1) + ' `'.repeat(5000),
          (el) => expect(el.querySelectorAll('code').length).to.equal(2500),
        ],
        // One run of two (never closed), 2,999 runs of three (1,499 pairs), one of one.
        ['`` `'.repeat(3000), (el) => expect(el.querySelectorAll('code').length).to.equal(1499)],
        ['['.repeat(10000), (el) => expect(el.textContent).to.equal('['.repeat(10000))],
        ['[a]('.repeat(2500), (el) => expect(el.querySelector('a')).to.equal(null)],
        ['[a](b '.repeat(1700), (el) => expect(el.querySelector('a')).to.equal(null)],
        ['![x]('.repeat(2000), (el) => expect(el.querySelector('a')).to.equal(null)],
        [
          `${'!['.repeat(2500)}x${'](https://i.test)'.repeat(500)}`,
          (el) => {
            // Images inside images collapse into one link whose label is capped.
            expect(el.querySelectorAll('a').length).to.equal(1);
            expect(el.querySelector('a')!.textContent!.length).to.be.below(220);
          },
        ],
        [
          `${'['.repeat(2500)}x${'](https://l.test)'.repeat(500)}`,
          (el) => {
            // The innermost brackets are the link; the rest are text, in which a bare URL runs to the end.
            const links = [...el.querySelectorAll('a')];
            expect(links.map((a) => a.textContent!.slice(0, 20))).to.deep.equal([
              'x',
              'https://l.test)](htt',
            ]);
          },
        ],
        ['>'.repeat(10000), (el) => expect(el.querySelectorAll('blockquote').length).to.equal(16)],
        [
          Array.from({ length: 100 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'),
          (el) => expect(el.querySelectorAll('ul').length).to.be.within(10, 20),
        ],
        ['<a'.repeat(5000), (el) => expect(el.textContent).to.equal('<a'.repeat(5000))],
        [`<a${' b'.repeat(5000)}`, (el) => expect(el.textContent!.startsWith('<a b b')).to.equal(true)],
        ['<a b="'.repeat(1600), (el) => expect(el.querySelector('a')).to.equal(null)],
        [
          `https://x.test/${')'.repeat(10000)}`,
          (el) => expect(el.querySelector('a')!.textContent).to.equal('https://x.test/'),
        ],
        [`a${' '.repeat(10000)}b\nc`, (el) => expect(el.querySelectorAll('br').length).to.equal(1)],
        [`# ${' '.repeat(10000)}x`, (el) => expect(el.querySelector('h1')!.textContent).to.equal('x')],
        [
          '| a '.repeat(2500) + '\n' + '| - '.repeat(2500),
          (el) => expect(el.querySelectorAll('th').length).to.equal(2500),
        ],
        ['&#'.repeat(5000), (el) => expect(el.textContent).to.equal('&#'.repeat(5000))],
        ['\\'.repeat(10000), (el) => expect(el.textContent).to.equal('\\'.repeat(5000))],
        ['_a'.repeat(5000), (el) => expect(el.textContent).to.equal('_a'.repeat(5000))],
        ['- \n'.repeat(3000), (el) => expect(el.querySelectorAll('li').length).to.equal(3000)],
      ];
      for (const [source, check] of cases) {
        const el = md(source);
        check(el);
        inert(el);
      }
    });
  });
});
