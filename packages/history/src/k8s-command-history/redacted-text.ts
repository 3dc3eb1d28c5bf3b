import { html, type TemplateResult } from 'lit';
import { findRedactions, formatString } from '@k8s-chat/core';

/**
 * Command text or output with the server's redaction markers (`[REDACTED token]`) shown as marked spans
 * whose title says what was hidden. The marker stays the visible text, so copying the output copies
 * exactly what the server stored. Everything is bound as text, never parsed as HTML.
 */
export function renderRedacted(text: string): string | (string | TemplateResult)[] {
  const spans = findRedactions(text);
  if (spans.length === 0) return text;
  const parts: (string | TemplateResult)[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push(text.slice(at, span.start));
    parts.push(
      html`<mark
        class="redaction"
        part="redaction"
        data-kind=${span.kind}
        title=${formatString('history.details.redacted', { kind: span.kind })}
        >${text.slice(span.start, span.end)}</mark
      >`,
    );
    at = span.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
