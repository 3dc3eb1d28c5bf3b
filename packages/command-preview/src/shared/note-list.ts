import { html, nothing, type TemplateResult } from 'lit';

/**
 * A labelled list of the server's reasons or warnings for a command, as the preview and the approval
 * queue both show them. Text only; nothing when there is nothing to say.
 */
export function renderNoteList(
  part: 'reasons' | 'warnings',
  label: string,
  items: readonly string[],
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  const prefix = part === 'warnings' ? '⚠ ' : '';
  return html`<ul part=${part} aria-label=${label}>
    ${items.map((item) => html`<li>${prefix}${item}</li>`)}
  </ul>`;
}
