import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { renderErrorNotice, type KubeChatServices } from '@k8s-chat/core';

export interface ShareOptions {
  readonly services: () => KubeChatServices | undefined;
  readonly sessionId: () => string | null;
  /** The dialog closed: put focus back in the conversation. */
  readonly closed: () => void;
}

type Host = ReactiveControllerHost & HTMLElement;

/** The modal "Share this session" dialog (user name and read/write access). */
export class ShareDialog {
  readonly #host: Host;
  readonly #options: ShareOptions;
  #result = '';
  /** Why sharing failed, shown with core's notice (hint and support reference). */
  #error: Error | string | null = null;

  constructor(host: Host, options: ShareOptions) {
    this.#host = host;
    this.#options = options;
  }

  #dialog(): HTMLDialogElement | null | undefined {
    return this.#host.shadowRoot?.querySelector('dialog');
  }

  show(): void {
    this.#result = '';
    this.#error = null;
    this.#host.requestUpdate();
    this.#dialog()?.showModal();
  }

  readonly #share = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const services = this.#options.services();
    const sessionId = this.#options.sessionId();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const access = data.get('access') === 'write' ? 'write' : 'read';
    if (!services || !sessionId || !username) return;
    this.#error = null;
    try {
      await services.api.shareSession(sessionId, { username, access });
      this.#result = `Shared with ${username} (${access === 'write' ? 'can write' : 'read only'}).`;
      form.reset();
      await services.stores.reloadSessions();
    } catch (error) {
      this.#result = '';
      this.#error =
        error instanceof Error ? error : 'Could not share the session. Check the user name and try again.';
    }
    this.#host.requestUpdate();
  };

  render(): TemplateResult {
    return html`<dialog aria-labelledby="share-title" @close=${() => this.#options.closed()}>
      <form @submit=${this.#share}>
        <h2 id="share-title">Share this session</h2>
        <label>User name <input name="username" required autocomplete="off" /></label>
        <label
          >Access
          <select name="access">
            <option value="read">Read only</option>
            <option value="write">Can write</option>
          </select>
        </label>
        <p role="status">${this.#result}</p>
        ${renderErrorNotice(this.#error)}
        <div class="dialog-actions">
          <button type="button" class="ghost" @click=${() => this.#dialog()?.close()}>Close</button>
          <button type="submit">Share</button>
        </div>
      </form>
    </dialog>`;
  }
}
