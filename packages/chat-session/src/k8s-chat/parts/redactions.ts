import { html, type TemplateResult } from 'lit';
import { findRedactions, type RedactionKind } from '@k8s-chat/core';

const title = (kind: RedactionKind) => `Hidden by the server: ${kind}`;

/**
 * Plain text with the server's redaction markers (`[REDACTED password]`) in `<mark part="redacted">`, so a
 * person sees that something was hidden and why. Text stays text: only Lit bindings, never HTML.
 */
export function withRedactions(text: string): TemplateResult | string {
  const spans = findRedactions(text);
  if (!spans.length) return text;
  const parts: (TemplateResult | string)[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(
      text.slice(at, span.start),
      html`<mark part="redacted" title=${title(span.kind)}>${text.slice(span.start, span.end)}</mark>`,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}

/**
 * The same for already rendered Markdown (DOM nodes, never HTML): each text node holding a marker is split
 * into text nodes and `<mark>` elements built with `textContent`, inside paragraphs and code blocks alike.
 */
export function markRedactionsIn(root: Element): void {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (findRedactions(node.nodeValue ?? '').length) hits.push(node as Text);
  }
  for (const node of hits) {
    const text = node.nodeValue ?? '';
    const fragment = doc.createDocumentFragment();
    let at = 0;
    for (const span of findRedactions(text)) {
      fragment.append(doc.createTextNode(text.slice(at, span.start)));
      const mark = doc.createElement('mark');
      mark.setAttribute('part', 'redacted');
      mark.title = title(span.kind);
      mark.textContent = text.slice(span.start, span.end);
      fragment.append(mark);
      at = span.end;
    }
    fragment.append(doc.createTextNode(text.slice(at)));
    node.replaceWith(fragment);
  }
}
