import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Hub, ValidationResult } from '@k8s-chat/core';
import { highlightInto } from '../../markdown/highlight.js';
import {
  DEFAULT_NAMESPACES,
  complete,
  isKubectl,
  kindKey,
  namespacesIn,
  namesIn,
  type Completion,
} from '../../kubectl/completions.js';
import { ClusterNamesCache, namesQueryFor, type ListNames } from '../../kubectl/cluster-names.js';

export interface ComposerOptions {
  /** The hub for typing presence, when services are available. */
  readonly hub: () => Hub | undefined;
  readonly sessionId: () => string | null;
  /** kubectl commands shown in the conversation; their object names are offered as completions. */
  readonly commands: () => Iterable<string>;
  /** Lists names the person may see (core's `api.listNames`), merged into completion when it answers. */
  readonly listNames?: () => ListNames | undefined;
  /** The person's last message in the session, for ↑ recall. */
  readonly lastOwnMessage: () => string | undefined;
  /** Enter or the Send button. */
  readonly submit: (text: string) => void;
}

/** After this long without input, the others stop seeing "is typing". */
const TYPING_IDLE_MS = 3000;

/**
 * The composer: the draft (kept per session), Enter/Shift+Enter/IME handling, ↑ recall, kubectl
 * highlighting, completion as an ARIA listbox, the validation result, and typing presence.
 */
export class ComposerController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ComposerOptions;
  readonly #drafts = new Map<string, string>();
  readonly #namespaces = new Set<string>(DEFAULT_NAMESPACES);
  #draft = '';
  #completion: Completion | null = null;
  #activeOption = -1;
  #validation: ValidationResult | null = null;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #typingIn: string | null = null;
  readonly #clusterNames: ClusterNamesCache;

  constructor(host: ReactiveControllerHost, options: ComposerOptions) {
    this.#host = host;
    this.#options = options;
    this.#clusterNames = new ClusterNamesCache(
      () => options.listNames?.(),
      () => this.#namesArrived(),
    );
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopTyping();
    this.#clusterNames.dispose();
  }

  /**
   * Completion for the draft from what is at hand now: the conversation's names and namespaces plus the
   * server's cached ones. It never waits for the server; `#namesArrived` refreshes it when names come.
   */
  #complete(): Completion | null {
    const names = namesIn(this.#options.commands());
    const namespaces = new Set(this.#namespaces);
    for (const ns of this.#clusterNames.names({ kind: 'namespaces', namespace: null })) namespaces.add(ns);
    const query = namesQueryFor(this.#draft);
    if (query && query.kind !== 'namespaces') {
      const k = kindKey(query.kind);
      const set = names.get(k) ?? new Set<string>();
      for (const name of this.#clusterNames.names(query)) set.add(name);
      names.set(k, set);
    }
    return complete(this.#draft, namespaces, names);
  }

  /** The server listed names while the person typed: offer them, keeping the highlighted option if it stays. */
  #namesArrived(): void {
    if (!namesQueryFor(this.#draft)) return;
    const active = this.#completion?.options[this.#activeOption];
    this.#completion = this.#complete();
    this.#activeOption = active ? (this.#completion?.options.indexOf(active) ?? -1) : -1;
    this.#host.requestUpdate();
  }

  get draft(): string {
    return this.#draft;
  }

  /** Replaces the draft (an example prompt, a recalled message). */
  set draft(text: string) {
    this.#draft = text;
    this.#completion = null;
    this.#validation = null;
    this.#host.requestUpdate();
  }

  set validation(result: ValidationResult | null) {
    this.#validation = result;
    this.#host.requestUpdate();
  }

  /** Keeps the draft of the session being left and brings back the one of the session shown next. */
  switchSession(from: string | null, to: string | null): void {
    if (from) this.#drafts.set(from, this.#draft);
    this.stopTyping();
    this.draft = (to && this.#drafts.get(to)) || '';
  }

  /** The text was sent: clear it and remember the namespaces it used for completion. */
  sent(sessionId: string | null, text: string): void {
    for (const ns of namespacesIn(text)) this.#namespaces.add(ns);
    if (sessionId) this.#drafts.delete(sessionId);
    this.stopTyping();
    this.draft = '';
  }

  /** Tells the others the person stopped typing (sent, switched or left). */
  stopTyping(): void {
    clearTimeout(this.#typingTimer);
    const sessionId = this.#typingIn;
    this.#typingIn = null;
    if (sessionId) this.#options.hub()?.sendTyping(sessionId, false);
  }

  readonly #onInput = (event: Event): void => {
    this.#draft = (event.target as HTMLTextAreaElement).value;
    this.#validation = null;
    this.#completion = this.#complete();
    this.#clusterNames.want(namesQueryFor(this.#draft));
    this.#activeOption = -1;
    this.#host.requestUpdate();
    const hub = this.#options.hub();
    const sessionId = this.#options.sessionId();
    if (!hub || !sessionId) return;
    // One "typing" when it starts and one "stopped" after a pause, not a frame per key.
    if (this.#typingIn !== sessionId) {
      this.stopTyping();
      hub.sendTyping(sessionId, true);
      this.#typingIn = sessionId;
    }
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const options = this.#completion?.options ?? [];
    if (options.length && this.#completionKey(event, options)) return;
    if (event.key === 'ArrowUp' && !this.#draft && !event.isComposing) {
      const last = this.#options.lastOwnMessage();
      if (last !== undefined) {
        event.preventDefault();
        this.draft = last;
      }
      return;
    }
    // Enter sends, Shift+Enter breaks the line, and nothing is sent while an IME is composing.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.#options.submit(this.#draft);
  };

  /** Arrow keys move through the listbox, Enter/Tab accept, Escape closes; true when handled. */
  #completionKey(event: KeyboardEvent, options: readonly string[]): boolean {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.#activeOption = (this.#activeOption + step + options.length) % options.length;
      this.#host.requestUpdate();
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#completion = null;
      this.#host.requestUpdate();
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && this.#activeOption >= 0 && !event.isComposing) {
      event.preventDefault();
      this.#accept(options[this.#activeOption]!, event.target as HTMLTextAreaElement);
      return true;
    }
    return false;
  }

  #accept(option: string, input: HTMLTextAreaElement | null): void {
    const word = this.#completion?.word ?? '';
    this.#draft = `${this.#draft.slice(0, this.#draft.length - word.length)}${option} `;
    this.#completion = null;
    this.#activeOption = -1;
    this.#host.requestUpdate();
    input?.focus();
  }

  #renderTyping(typing: readonly string[]): TemplateResult | typeof nothing {
    if (!typing.length) return nothing;
    return html`<p class="typing" part="presence" aria-live="polite">
      ${typing.join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…
    </p>`;
  }

  #highlighted(): HTMLElement {
    const code = document.createElement('code');
    highlightInto(code, this.#draft, 'kubectl');
    return code;
  }

  /**
   * @param typing - Who else is typing.
   * @param readOnlyOwner - Set when the session was shared read-only: whom to ask for write access.
   */
  render(typing: readonly string[], readOnlyOwner?: string): TemplateResult {
    if (readOnlyOwner !== undefined) {
      return html`${this.#renderTyping(typing)}
        <p part="composer" class="read-only" role="note">
          This session was shared with you read-only. Ask ${readOnlyOwner || 'its owner'} for write access to
          take part.
        </p>`;
    }
    const completion = this.#completion;
    const expanded = !!completion?.options.length;
    const kubectl = isKubectl(this.#draft);
    const validation = this.#validation;
    return html`
      ${this.#renderTyping(typing)}
      ${
        validation
          ? html`<div part="validation" data-level=${validation.safety_level} role="status">
              <span class="level">${validation.safety_level}</span>
              ${validation.is_valid ? 'Command is valid.' : 'This command was refused:'}
              ${[...validation.errors, ...validation.warnings].map((t) => html`<span>${t}</span>`)}
            </div>`
          : nothing
      }
      ${kubectl ? html`<pre class="kubectl-preview" aria-hidden="true">${this.#highlighted()}</pre>` : nothing}
      <form
        part="composer"
        @submit=${(e: Event) => {
          e.preventDefault();
          // After a click on Send, the next message is typed where the last one was.
          (e.target as HTMLFormElement).querySelector('textarea')?.focus();
          this.#options.submit(this.#draft);
        }}
      >
        <textarea
          part="input"
          aria-label="Message"
          aria-autocomplete="list"
          aria-controls="completions"
          aria-activedescendant=${ifDefined(
            expanded && this.#activeOption >= 0 ? `option-${this.#activeOption}` : undefined,
          )}
          class=${kubectl ? 'kubectl' : ''}
          rows="2"
          placeholder="Ask about your cluster, e.g. “list pods in prod”"
          .value=${this.#draft}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
        ></textarea>
        <button type="submit">Send</button>
        <ul id="completions" part="completions" role="listbox" aria-label="Completions" ?hidden=${!expanded}>
          ${(completion?.options ?? []).map(
            (option, i) =>
              html`<li
                id="option-${i}"
                role="option"
                aria-selected=${i === this.#activeOption ? 'true' : 'false'}
                @mousedown=${(e: Event) => {
                  e.preventDefault();
                  this.#accept(
                    option,
                    (e.currentTarget as HTMLElement).closest('form')!.querySelector('textarea'),
                  );
                }}
              >
                ${option}
              </li>`,
          )}
        </ul>
      </form>
    `;
  }
}
