import { html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { K8sElement } from '@k8s-chat/core';
import { chatStyles } from './k8s-chat.styles.js';
import { MessageSendEvent } from '../events.js';
import type { ChatMessageView } from './k8s-chat.types.js';

/**
 * A natural-language chat with a Kubernetes cluster: the conversation and the composer.
 *
 * @customElement k8s-chat
 * @tag k8s-chat
 * @fires k8s-message-send - The person sent a message; cancel it to keep the text in the composer.
 * @csspart base - The whole chat.
 * @csspart messages - The message list.
 * @csspart message - Every message; also `message-user`, `message-assistant` or `message-system`.
 * @csspart composer - The composer row.
 * @cssprop --k8s-chat-bg - Background of the chat.
 * @cssprop --k8s-chat-user-bg - Background of the person's messages.
 * @cssprop --k8s-chat-user-text - Text colour of the person's messages.
 * @cssprop --k8s-chat-assistant-bg - Background of the assistant's messages.
 * @since 0.1.0
 */
export class K8sChat extends K8sElement {
  static override styles = [K8sElement.styles, chatStyles];
  static override shadowRootOptions: ShadowRootInit = {
    ...K8sElement.shadowRootOptions,
    delegatesFocus: true,
  };

  @query('textarea') private _input!: HTMLTextAreaElement;

  @state() private _draft = '';

  /** The conversation, oldest first; replace the array to update. */
  @property({ attribute: false }) messages: readonly ChatMessageView[] = [];

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  #onKeyDown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter breaks the line, and nothing is sent while an IME is composing.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.#send();
  }

  #send(): void {
    const content = this._draft.trim();
    if (!content) return;
    const event = new MessageSendEvent({ content });
    if (!this.dispatchEvent(event)) return;
    this._draft = '';
  }

  /** Moves focus to the composer. */
  override focus(options?: FocusOptions): void {
    this._input?.focus(options);
  }

  override render() {
    return html`<div part="base">
      <div part="messages" role="log" aria-label="Conversation" aria-relevant="additions">
        <ol>
          ${this.messages.map(
            (m) => html`<li part="message message-${m.role}" data-id=${m.id}>${m.content}</li>`,
          )}
        </ol>
      </div>
      <form part="composer" @submit=${(e: Event) => (e.preventDefault(), this.#send())}>
        <textarea
          aria-label="Message"
          placeholder="Ask about your cluster, e.g. “list pods in prod”"
          .value=${this._draft}
          @input=${(e: Event) => (this._draft = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.#onKeyDown}
        ></textarea>
        <button type="submit">Send</button>
      </form>
    </div>`;
  }
}
