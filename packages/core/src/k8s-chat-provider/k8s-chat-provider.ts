import { ContextProvider } from '@lit/context';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { User } from '@k8s-chat/contract';
import { K8sElement } from '../base/k8s-element.js';
import type { HostTokenSource } from '../auth/host-token-provider.js';
import { HostTokenProvider } from '../auth/host-token-provider.js';
import { SessionTokenProvider } from '../auth/session-token-provider.js';
import { apiContext, authContext, hubContext, servicesContext, storesContext } from '../context/contexts.js';
import { createServices, type KubeChatServices, type ServicesOptions } from '../context/services.js';
import { AuthRequiredEvent } from '../events.js';
import { createIdleMonitor, type IdleMonitor, type IdleState } from '../auth/idle-monitor.js';
import { renderIdleWarning } from './idle-warning.js';
import { styles } from './k8s-chat-provider.styles.js';

export type ProviderAuthMode = 'host' | 'session';

let warnedAuth = false;

/**
 * Gives every k8s-chat element inside it one shared client for a KubeChat server: the token provider, the
 * API client, the WebSocket hub and the stores, through context. In `host` mode (the default for embedding)
 * the page sets `getAccessToken`; in `session` mode the provider signs in to the reference server with
 * `login()`. Removing the provider closes its socket and clears its token.
 *
 * @customElement k8s-chat-provider
 * @slot - The elements that use the services.
 * @fires k8s-auth-required - Nobody is signed in any more (`detail.reason`, `idle` after the idle timeout);
 *   answer with your own login.
 * @csspart idle-dialog - The warning shown before an idle sign-out.
 * @csspart idle-stay - Its "Stay signed in" button.
 * @csspart idle-sign-out - Its "Sign out now" button.
 * @since 0.1.0
 */
export class K8sChatProvider extends K8sElement {
  static override styles = [K8sElement.styles, styles];

  readonly #servicesProvider = new ContextProvider(this, { context: servicesContext });
  readonly #authProvider = new ContextProvider(this, { context: authContext });
  readonly #apiProvider = new ContextProvider(this, { context: apiContext });
  readonly #hubProvider = new ContextProvider(this, { context: hubContext });
  readonly #storesProvider = new ContextProvider(this, { context: storesContext });

  /** The KubeChat server, e.g. `https://kubechat.internal.example`. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** `host`: the page hands out tokens through `getAccessToken`. `session`: sign in with `login()`. */
  @property() auth: ProviderAuthMode = 'host';

  /** Host mode: returns an access token (or `{token, expiresIn}`); return nothing or throw when signed out. */
  @property({ attribute: false }) getAccessToken: HostTokenSource | undefined;

  /** Advanced client options (timeouts, retries, a custom fetch or WebSocket); read when the client is built. */
  @property({ attribute: false }) options: Partial<
    Omit<ServicesOptions, 'baseUrl' | 'auth' | 'getAccessToken'>
  > = {};

  /**
   * Seconds without any activity (in any tab of this site) after which the session ends; a warning offers
   * to stay signed in `idle-warning` seconds before. 0, the default, never ends a session for idleness.
   */
  @property({ type: Number, attribute: 'idle-timeout' }) idleTimeout = 0;

  /** Seconds before an idle sign-out that the warning shows. */
  @property({ type: Number, attribute: 'idle-warning' }) idleWarning = 60;

  @query('dialog') private _dialog!: HTMLDialogElement | null;

  @state() private _idle: IdleState | null = null;

  #current: { key: string; services: KubeChatServices; unlisten: () => void } | undefined;
  #idle: { monitor: IdleMonitor; stop: () => void; key: string } | undefined;

  /** The services this provider gives its children, once `base-url` is set and it is connected. */
  get services(): KubeChatServices | undefined {
    return this.#current?.services;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Built here rather than in willUpdate, so children connecting right after us get a value at once.
    this.#ensure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move re-connects in the same task; only a real removal ends the client.
    queueMicrotask(() => {
      if (!this.isConnected) this.#teardown();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('baseUrl') || changed.has('auth')) this.#ensure();
    if (changed.has('idleTimeout') || changed.has('idleWarning')) this.#syncIdle();
    if (changed.has('getAccessToken')) {
      const auth = this.#current?.services.auth;
      if (auth instanceof HostTokenProvider) auth.setSource(this.getAccessToken);
    }
  }

  /** Session mode: signs in to the reference server. */
  async login(username: string, password: string): Promise<User> {
    const auth = this.#current?.services.auth;
    if (!(auth instanceof SessionTokenProvider)) {
      throw new Error('<k8s-chat-provider>: login() needs auth="session" and a base-url.');
    }
    return auth.login(username, password);
  }

  protected override updated(): void {
    const dialog = this._dialog;
    if (!dialog) return;
    const warn = this._idle?.status === 'warning';
    if (warn && !dialog.open) dialog.showModal();
    else if (!warn && dialog.open) dialog.close();
  }

  /** Signs out (session mode: on the server and in every tab). */
  async logout(): Promise<void> {
    await this.#current?.services.auth.signOut();
  }

  #mode(): ProviderAuthMode {
    if (this.auth === 'host' || this.auth === 'session') return this.auth;
    if (
      !warnedAuth &&
      (globalThis as { process?: { env?: { NODE_ENV?: string } } }).process?.env?.NODE_ENV !== 'production'
    ) {
      warnedAuth = true;
      console.warn(
        `[k8s-chat] <k8s-chat-provider auth="${String(this.auth)}"> is not host or session; using host.`,
      );
    }
    return 'host';
  }

  #ensure(): void {
    if (!this.isConnected) return;
    const mode = this.#mode();
    const key = this.baseUrl ? `${mode} ${this.baseUrl}` : '';
    if (this.#current?.key === key) return;
    this.#teardown();
    if (!key) return;
    const services = createServices({
      ...this.options,
      baseUrl: this.baseUrl,
      auth: mode,
      ...(this.getAccessToken ? { getAccessToken: this.getAccessToken } : {}),
    });
    const stopRequired = services.auth.onAuthRequired((reason) => {
      const event = new AuthRequiredEvent({ reason, baseUrl: this.baseUrl });
      this.dispatchEvent(event);
    });
    const stopAuthState = services.auth.$state.listen(() => this.#syncIdle());
    const unlisten = () => {
      stopRequired();
      stopAuthState();
    };
    this.#current = { key, services, unlisten };
    this.#provide(services);
    this.#syncIdle();
  }

  /** Runs the idle monitor while someone is signed in and a timeout is set. */
  #syncIdle(): void {
    const services = this.#current?.services;
    const signedIn = services !== undefined && services.auth.$state.get().status !== 'signed-out';
    const key = `${this.#current?.key} ${this.idleTimeout} ${this.idleWarning}`;
    const wanted = signedIn && this.idleTimeout > 0;
    if (this.#idle && (!wanted || this.#idle.key !== key)) {
      this.#idle.stop();
      this.#idle.monitor.dispose();
      this.#idle = undefined;
      this._idle = null;
    }
    if (!wanted || this.#idle) return;
    const monitor = createIdleMonitor({
      timeoutMs: this.idleTimeout * 1000,
      warningMs: this.idleWarning * 1000,
      channelName: `k8s-chat:idle:${this.baseUrl}`,
      onExpire: () => void services.auth.signOut('idle'),
    });
    const stop = monitor.$state.subscribe((value) => (this._idle = value));
    this.#idle = { monitor, stop, key };
  }

  #teardown(): void {
    const current = this.#current;
    if (!current) return;
    this.#current = undefined;
    this.#provide(undefined);
    this.#syncIdle();
    current.unlisten();
    current.services.dispose();
  }

  #provide(services: KubeChatServices | undefined): void {
    this.#servicesProvider.setValue(services);
    this.#authProvider.setValue(services?.auth);
    this.#apiProvider.setValue(services?.api);
    this.#hubProvider.setValue(services?.hub);
    this.#storesProvider.setValue(services?.stores);
  }

  override render(): TemplateResult {
    return html`<slot></slot>${
        this.idleTimeout > 0
          ? renderIdleWarning(this._idle, {
              stay: () => this.#idle?.monitor.stayActive(),
              signOut: () => void this.logout(),
            })
          : ''
      }`;
  }
}
