import { renderBlocks } from './blocks.js';

/**
 * Renders untrusted Markdown (chat text, model output) into a detached `div.markdown`.
 *
 * The renderer builds DOM nodes itself — `createElement`, text nodes, and `setAttribute` only for `href`,
 * `title`, `rel`, `target` on links, `start` on lists and `data-lang` on code blocks — and never parses an
 * HTML string. So raw HTML in the source is shown as the text it is, nothing in the output can run, no
 * sanitizer is needed and it works unchanged under Trusted Types. Images are never loaded (they become an
 * "Image: …" link), links keep an href only for http:, https: and mailto:, and fenced kubectl / YAML /
 * JSON code is highlighted with text-node spans (highlight.ts).
 *
 * The subset is GFM's as a chat needs it, with `breaks: true` (a newline inside a paragraph is a `<br>`):
 * ATX headings, paragraphs, emphasis, strong, ~~strikethrough~~, code spans, fenced and indented code,
 * blockquotes, nested lists, rules, pipe tables, inline links, autolinks and backslash escapes.
 */
export function renderMarkdown(source: string): HTMLElement {
  const container = document.createElement('div');
  container.className = 'markdown';
  const lines = source.replace(/\r\n?/g, '\n').replace(/\0/g, '\ufffd').split('\n');
  renderBlocks(lines, container);
  // One text node per run of text, so later passes (redaction marks, search) see whole words.
  container.normalize();
  return container;
}
