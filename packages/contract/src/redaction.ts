/**
 * How the server marks a secret value it removed from command output or a chat message. The marker is
 * plain text so it survives every path (WebSocket, database, CSV export, copy to clipboard); elements
 * find it with `findRedactions` and show it as a marked span that says what was hidden and why.
 */
export const REDACTION_KINDS = ['private key', 'token', 'password', 'secret data', 'base64 blob'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** The text that replaces a hidden value. */
export function redactionMarker(kind: RedactionKind): string {
  return `[REDACTED ${kind}]`;
}

export interface RedactionSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: RedactionKind;
}

const MARKER_SOURCE = `\\[REDACTED (${REDACTION_KINDS.join('|')})\\]`;

/** Every redaction marker in `text`, in order. */
export function findRedactions(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  for (const match of text.matchAll(new RegExp(MARKER_SOURCE, 'g'))) {
    spans.push({ start: match.index, end: match.index + match[0].length, kind: match[1] as RedactionKind });
  }
  return spans;
}
