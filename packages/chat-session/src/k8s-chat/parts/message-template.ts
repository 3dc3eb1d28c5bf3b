import { html, nothing, type TemplateResult } from 'lit';
import { renderErrorNotice, strings, type CommandProposal } from '@k8s-chat/core';
import '@k8s-chat/command-preview/k8s-command-preview.js';
import { renderMarkdown } from '../../markdown/render-markdown.js';
import type { ChatMessageView } from '../k8s-chat.types.js';
import { timeOf } from './message-view.js';
import { markRedactionsIn, withRedactions } from './redactions.js';
import { excerpt } from './threads.js';

export interface MessageContext {
  readonly sessionId: string | null;
  /** The search text, when this message is a hit. */
  readonly query: string;
  readonly hit: boolean;
  readonly current: boolean;
  readonly markdown: MarkdownCache;
  retry(message: ChatMessageView): void;
  /** Threading; absent where the host renders messages without it. */
  readonly thread?: MessageThreading;
  /** "deployment api in prod" when the answer used the conversation's context. */
  readonly contextNote?: string | null;
  /** Offers "Clear context" on this message (the latest answer that used it). */
  readonly clearContext?: (() => void) | null;
  /** The chat's `sound` attribute, passed on to each command preview. */
  readonly sound?: boolean;
}

/** What a message row needs to show replies and threads. */
export interface MessageThreading {
  /** For an explicit reply: the message it answers (null when it is not loaded); undefined otherwise. */
  readonly parent: ChatMessageView | null | undefined;
  /** True for every message below a thread's root. */
  readonly inThread: boolean;
  /** Threaded messages below this one, when it starts a thread. */
  readonly replies: number;
  readonly collapsed: boolean;
  /** True while the composer is writing a reply to this message. */
  readonly replyTarget: boolean;
  /** Null where the person may not write (a read-only share). */
  readonly reply: ((message: ChatMessageView) => void) | null;
  jumpTo(id: string): void;
  toggle(rootId: string): void;
}

/** Who wrote a message, for its meta line and for quotes. */
export const authorOf = (m: ChatMessageView): string =>
  m.author ?? (m.role === 'user' ? 'You' : m.role === 'assistant' ? 'Assistant' : 'System');

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
      markRedactionsIn(node);
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
  if (!q) return withRedactions(content);
  const parts: (TemplateResult | string)[] = [];
  const lower = content.toLowerCase();
  const needle = q.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, at)) {
    parts.push(withRedactions(content.slice(at, i)), html`<mark>${content.slice(i, i + q.length)}</mark>`);
    at = i + q.length;
  }
  parts.push(withRedactions(content.slice(at)));
  return html`${parts}`;
}

/** The quote above an explicit reply: what it answers, as a button that jumps there. */
function renderQuote(m: ChatMessageView, thread: MessageThreading): TemplateResult | typeof nothing {
  if (thread.parent === undefined || !m.parentId) return nothing;
  const parent = thread.parent;
  return html`<button
    type="button"
    class="quote"
    part="reply-quote"
    data-action="jump"
    @click=${() => thread.jumpTo(m.parentId!)}
  >
    <span class="quote-author">In reply to ${parent ? authorOf(parent) : 'an earlier message'}</span>
    ${parent ? html`<span class="quote-text">${withRedactions(excerpt(parent.content))}</span>` : nothing}
    <span class="visually-hidden">(go to that message)</span>
  </button>`;
}

/** "Replies (2)" on a message that starts a thread: folds the thread away and back. */
function renderThreadToggle(m: ChatMessageView, thread: MessageThreading): TemplateResult | typeof nothing {
  if (!thread.replies) return nothing;
  const n = thread.replies;
  return html`<button
    type="button"
    class="ghost thread-toggle"
    part="thread-toggle"
    aria-expanded=${thread.collapsed ? 'false' : 'true'}
    @click=${() => thread.toggle(m.id)}
  >
    <span aria-hidden="true">${thread.collapsed ? '▸' : '▾'}</span>
    ${thread.collapsed ? 'Show' : 'Hide'} ${n} ${n === 1 ? 'reply' : 'replies'}
  </button>`;
}

/** One message row: meta line, body (Markdown for the assistant, text otherwise), output, proposal, retry. */
export function renderMessage(m: ChatMessageView, ctx: MessageContext): TemplateResult {
  const status = m.status ?? 'sent';
  const proposal = m.metadata?.['command'] as CommandProposal | undefined;
  const output = m.metadata?.['output'];
  const author = authorOf(m);
  const thread = ctx.thread;
  const hitParts = `${ctx.hit ? ' search-hit' : ''}${ctx.current ? ' search-current' : ''}`;
  const threadParts = `${thread?.inThread ? ' message-in-thread' : ''}${thread?.replyTarget ? ' reply-target' : ''}`;
  return html`<div
    class="row row-${m.role}${thread?.inThread ? ' row-thread' : ''}"
    role="listitem"
    data-id=${m.id}
    data-status=${status}
  >
    <article
      part="message message-${m.role}${hitParts}${threadParts}"
      aria-label=${`${author}, ${timeOf(m.createdAt)}`}
      tabindex="-1"
    >
      ${thread ? renderQuote(m, thread) : nothing}
      <div part="message-meta">
        <span class="author">${author}</span>
        <time datetime=${m.createdAt}>${timeOf(m.createdAt)}</time>
        ${
          status === 'sending' || status === 'queued'
            ? html`<span class="status">${strings[`message.${status}`]}</span>`
            : nothing
        }
        ${
          thread?.reply && status === 'sent'
            ? html`<button
                type="button"
                class="ghost reply"
                part="reply-button"
                data-action="reply"
                aria-label=${`Reply to ${author}: ${excerpt(m.content, 40)}`}
                @click=${() => thread.reply!(m)}
              >
                Reply
              </button>`
            : nothing
        }
      </div>
      ${
        m.role === 'assistant' && !ctx.hit
          ? ctx.markdown.get(m)
          : html`<div class="text">${marked(m.content, ctx.hit ? ctx.query : '')}</div>`
      }
      ${
        typeof output === 'string'
          ? html`<figure class="output">
              <figcaption>Command output (data, not instructions)</figcaption>
              <pre part="output">${withRedactions(output)}</pre>
            </figure>`
          : nothing
      }
      ${
        ctx.contextNote
          ? html`<p class="context" part="context">
              <span>Using: ${ctx.contextNote}</span>
              ${
                ctx.clearContext
                  ? html`<button
                      type="button"
                      class="ghost"
                      data-action="clear-context"
                      @click=${() => ctx.clearContext!()}
                    >
                      Clear context
                    </button>`
                  : nothing
              }
            </p>`
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
              ?sound=${ctx.sound ?? false}
            ></k8s-command-preview>`
          : nothing
      }
      ${
        status === 'failed'
          ? html`<div class="failed">
              <strong>${strings['message.failed']}</strong>
              ${m.error ? renderErrorNotice(m.error, { role: 'status' }) : nothing}
              <button type="button" data-action="retry" @click=${() => ctx.retry(m)}>
                ${strings['message.retry']}
              </button>
            </div>`
          : nothing
      }
      ${thread ? renderThreadToggle(m, thread) : nothing}
    </article>
  </div>`;
}
