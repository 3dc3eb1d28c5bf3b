import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessageView } from '../k8s-chat.types.js';
import { authorOf } from './message-template.js';
import { withRedactions } from './redactions.js';
import { excerpt } from './threads.js';

/** The bar above the composer while the person writes a reply: what it answers, and Cancel (or Escape). */
export function renderReplying(
  target: ChatMessageView | null,
  cancel: () => void,
): TemplateResult | typeof nothing {
  if (!target) return nothing;
  return html`<div part="replying" class="replying" role="group" aria-label="Reply">
    <span>Replying to ${authorOf(target)}: <q>${withRedactions(excerpt(target.content))}</q></span>
    <button type="button" class="ghost" data-action="cancel-reply" aria-label="Cancel reply" @click=${cancel}>
      Cancel
    </button>
  </div>`;
}
