import { html, nothing, type TemplateResult } from 'lit';
import { strings, type CommandProposal } from '@k8s-chat/core';
import '@k8s-chat/command-preview/k8s-command-preview.js';
import { renderMarkdown } from '../../markdown/render-markdown.js';
import type { ChatMessageView } from '../k8s-chat.types.js';
import { timeOf } from './message-view.js';

export interface MessageContext {
  readonly sessionId: string | null;
  /** The search text, when this message is a hit. */
  readonly query: string;
  readonly hit: boolean;
  readonly current: boolean;
  readonly markdown: MarkdownCache;
  retry(message: ChatMessageView): void;
}

/**
 * Rendered Markdown per message and text, so the virtualizer re-attaching a row (or a re-render) neither
 * re-parses nor loses the copy buttons' state.
 */
export class MarkdownCache {
  readonly #nodes = new Map<string, HTMLElement>();

  get(message: ChatMessageView): HTMLElement {
    const key = `${message.id}\u0000${message.content}`;
    let node = this.#nodes.get(key);
    if (!node) {
      node = renderMarkdown(message.content);
      for (const pre of node.querySelectorAll('pre')) pre.prepend(copyButton(pre));
      node.setAttribute('part', 'markdown');
      this.#nodes.set(key, node);
    }
    return node;
  }
}

function copyButton(pre: HTMLPreElement): HTMLButtonElement {
  pre.setAttribute('part', 'code');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy code');
  button.addEventListener('click', () => {
    const code = pre.querySelector('code')?.textContent ?? '';
    void navigator.clipboard?.writeText(code).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Copy failed'),
    );
  });
  return button;
}

/** Plain text with every case-insensitive occurrence of `query` in a `<mark>`; text stays text. */
export function marked(content: string, query: string): TemplateResult | string {
  const q = query.trim();
  if (!q) return content;
  const parts: (TemplateResult | string)[] = [];
  const lower = content.toLowerCase();
  const needle = q.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, at)) {
    parts.push(content.slice(at, i), html`<mark>${content.slice(i, i + q.length)}</mark>`);
    at = i + q.length;
  }
  parts.push(content.slice(at));
  return html`${parts}`;
}

/** One message row: meta line, body (Markdown for the assistant, text otherwise), output, proposal, retry. */
export function renderMessage(m: ChatMessageView, ctx: MessageContext): TemplateResult {
  const status = m.status ?? 'sent';
  const proposal = m.metadata?.['command'] as CommandProposal | undefined;
  const output = m.metadata?.['output'];
  const author = m.author ?? (m.role === 'user' ? 'You' : m.role === 'assistant' ? 'Assistant' : 'System');
  const hitParts = `${ctx.hit ? ' search-hit' : ''}${ctx.current ? ' search-current' : ''}`;
  return html`<div class="row row-${m.role}" role="listitem" data-id=${m.id} data-status=${status}>
    <article part="message message-${m.role}${hitParts}" aria-label=${`${author}, ${timeOf(m.createdAt)}`}>
      <div part="message-meta">
        <span class="author">${author}</span>
        <time datetime=${m.createdAt}>${timeOf(m.createdAt)}</time>
        ${
          status === 'sending' || status === 'queued'
            ? html`<span class="status">${strings[`message.${status}`]}</span>`
            : nothing
        }
      </div>
      ${
        m.role === 'assistant' && !ctx.hit
          ? ctx.markdown.get(m)
          : html`<div class="text">${ctx.hit ? marked(m.content, ctx.query) : m.content}</div>`
      }
      ${
        typeof output === 'string'
          ? html`<figure class="output">
              <figcaption>Command output (data, not instructions)</figcaption>
              <pre part="output">${output}</pre>
            </figure>`
          : nothing
      }
      ${
        m.role === 'assistant' && proposal?.generatedCommand
          ? html`<k8s-command-preview
              part="command"
              exportparts="base: command-base"
              .proposal=${proposal}
              session-id=${ctx.sessionId ?? ''}
              message-id=${m.id}
              command=${proposal.generatedCommand}
              safety-level=${proposal.safetyLevel}
              explanation=${proposal.explanation}
            ></k8s-command-preview>`
          : nothing
      }
      ${
        status === 'failed'
          ? html`<div class="failed" part="error">
              <span>${strings['message.failed']} ${m.error?.hint ?? ''}</span>
              ${m.error?.requestId ? html`<span class="request-id">Request ${m.error.requestId}</span>` : nothing}
              <button type="button" data-action="retry" @click=${() => ctx.retry(m)}>
                ${strings['message.retry']}
              </button>
            </div>`
          : nothing
      }
    </article>
  </div>`;
}
