import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { atom } from 'nanostores';
import {
  $strings,
  K8sElement,
  PreferencesController,
  ServicesController,
  StoreController,
  THEME_PREFERENCES,
  errorNoticeStyles,
  formatString,
  renderErrorNotice,
  type AuthState,
  type Device,
  type KubeChatError,
  type PreferencesUpdate,
  type ThemePreference,
} from '@k8s-chat/core';
import { DeviceSignOutEvent, PreferencesChangeEvent } from '../events.js';
import { DevicesController, type SecurityNotice } from './devices-controller.js';
import { accountSettingsStyles } from './k8s-account-settings.styles.js';
import { describeUserAgent } from './user-agent.js';

const SIGNED_OUT = atom<AuthState>({ status: 'signed-out', user: null, reason: null });
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A person's account settings: preferences stored on the server (theme, default namespace, compact layout,
 * sounds) that every k8s-chat element applies on every device, the devices they are signed in on with a
 * sign-out for each, and live security notices (a reused refresh token signed a device out).
 *
 * @customElement k8s-account-settings
 * @tag k8s-account-settings
 * @fires k8s-preferences-change - A preference was changed and stored. Detail: `{ update }`.
 * @fires k8s-device-sign-out - The person asked to sign a device out; cancelable. Detail: `{ deviceId, current }`.
 * @csspart base - The frame around everything.
 * @csspart notice - A security notice.
 * @csspart preferences - The preferences form.
 * @csspart devices - The list of devices.
 * @csspart device - One device.
 * @csspart error - An error, with what to do and the support reference.
 * @cssprop --k8s-account-bg - Background of the element.
 * @cssprop --k8s-account-border - Border colour.
 * @since 0.1.0
 */
export class K8sAccountSettings extends K8sElement {
  static override styles = [K8sElement.styles, errorNoticeStyles, accountSettingsStyles];

  readonly #services = new ServicesController(this);
  readonly #auth = new StoreController(this, SIGNED_OUT);
  readonly #strings = new StoreController(this, $strings);
  readonly #preferences = new PreferencesController(this, () => this.#services.services);
  readonly #devices = new DevicesController(this, () => this.#services.services);

  @state() private _saving = false;
  @state() private _saved = false;
  @state() private _error: KubeChatError | Error | null = null;
  @state() private _namespaceDraft: string | null = null;

  /** Server to use when there is no `<k8s-chat-provider>` above. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Colour scheme: `light`, `dark`, or unset to follow the person's preference, then the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Tighter spacing. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Hide the devices list (for a page that shows preferences only). */
  @property({ type: Boolean, attribute: 'no-devices' }) noDevices = false;

  protected override willUpdate(): void {
    const services = this.#services.services;
    this.#auth.store = services?.auth.$state ?? SIGNED_OUT;
  }

  async #save(update: PreferencesUpdate): Promise<void> {
    const services = this.#services.services;
    if (!services) return;
    this._saving = true;
    this._saved = false;
    this._error = null;
    try {
      await services.stores.updatePreferences(update);
      this._saved = true;
      this.dispatchEvent(new PreferencesChangeEvent({ update }));
    } catch (error) {
      this._error = error as Error;
    } finally {
      this._saving = false;
    }
  }

  #onTheme(event: Event): void {
    this.#save({ theme: (event.target as HTMLInputElement).value as ThemePreference });
  }

  #onNamespaceInput(event: Event): void {
    this._namespaceDraft = (event.target as HTMLInputElement).value;
  }

  #onNamespaceCommit(): void {
    const draft = this._namespaceDraft;
    if (draft === null) return;
    const value = draft.trim();
    if (value !== '' && !NAMESPACE.test(value)) return; // the field shows why; nothing is sent
    this._namespaceDraft = null;
    const current = this.#preferences.state?.value.default_namespace ?? null;
    if ((value || null) !== current) void this.#save({ default_namespace: value || null });
  }

  #onSignOut(device: Device): void {
    const event = new DeviceSignOutEvent({ deviceId: device.id, current: device.current });
    if (!this.dispatchEvent(event)) return;
    void this.#devices.signOut(device);
  }

  #renderNotice(notice: SecurityNotice): TemplateResult {
    return html`<div part="notice" class="notice" role="alert">
      <strong>${notice.title}</strong>
      <span>${notice.message}</span>
      <button type="button" @click=${() => this.#devices.dismissNotice(notice)}>
        ${formatString('account.dismiss')}
      </button>
    </div>`;
  }

  #renderPreferences(): TemplateResult {
    const value = this.#preferences.state?.value;
    const draft = this._namespaceDraft ?? value?.default_namespace ?? '';
    const namespaceInvalid = draft.trim() !== '' && !NAMESPACE.test(draft.trim());
    const disabled = !value || !this.#preferences.state?.loaded;
    return html`<section part="preferences" aria-labelledby="preferences-title">
      <h2 id="preferences-title">${formatString('account.preferences')}</h2>
      <p class="note">${formatString('account.preferences-note')}</p>
      <fieldset ?disabled=${disabled}>
        <legend>${formatString('account.theme')}</legend>
        ${THEME_PREFERENCES.map(
          (theme) =>
            html`<label class="choice">
              <input
                type="radio"
                name="theme"
                .value=${theme}
                .checked=${value?.theme === theme}
                @change=${this.#onTheme}
              />
              ${formatString(`account.theme.${theme}`)}
            </label>`,
        )}
      </fieldset>
      <div class="field">
        <label for="namespace">${formatString('account.namespace')}</label>
        <input
          id="namespace"
          type="text"
          inputmode="text"
          autocomplete="off"
          spellcheck="false"
          maxlength="63"
          placeholder="default"
          .value=${draft}
          ?disabled=${disabled}
          aria-invalid=${namespaceInvalid ? 'true' : 'false'}
          aria-describedby="namespace-help"
          @input=${this.#onNamespaceInput}
          @change=${this.#onNamespaceCommit}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === 'Enter') this.#onNamespaceCommit();
          }}
        />
        <span id="namespace-help" class=${namespaceInvalid ? 'help invalid' : 'help'}
          >${formatString(namespaceInvalid ? 'account.namespace-invalid' : 'account.namespace-help')}</span
        >
      </div>
      ${this.#renderToggle('compact', 'account.compact', disabled)}
      ${this.#renderToggle('sound', 'account.sound', disabled)}
      <p class="status" role="status">
        ${this._saving ? formatString('account.saving') : this._saved ? formatString('account.saved') : ''}
      </p>
    </section>`;
  }

  #renderToggle(
    key: 'compact' | 'sound',
    label: 'account.compact' | 'account.sound',
    disabled: boolean,
  ): TemplateResult {
    return html`<label class="choice">
      <input
        type="checkbox"
        .checked=${this.#preferences.state?.value[key] ?? false}
        ?disabled=${disabled}
        @change=${(e: Event) => this.#save({ [key]: (e.target as HTMLInputElement).checked })}
      />
      ${formatString(label)}
    </label>`;
  }

  #renderDevice(device: Device): TemplateResult {
    const name = describeUserAgent(device.user_agent);
    const busy = this.#devices.pending.has(device.id);
    return html`<li part="device" class="device">
      <div class="device-text">
        <span class="device-name">${name}</span>
        ${
          device.current
            ? html`<span class="badge">${formatString('account.device-current')}</span>`
            : nothing
        }
        <span class="device-meta">
          ${device.ip} ·
          ${formatString('account.device-last-used', { time: formatTime(device.last_used_at) })} ·
          ${formatString('account.device-since', { time: formatTime(device.created_at) })}
        </span>
      </div>
      <button
        type="button"
        aria-label=${formatString('account.device-sign-out-label', { device: name, ip: device.ip })}
        aria-busy=${busy ? 'true' : 'false'}
        ?disabled=${busy}
        @click=${() => this.#onSignOut(device)}
      >
        ${formatString('account.device-sign-out')}
      </button>
    </li>`;
  }

  #renderDevices(): TemplateResult {
    const devices = this.#devices;
    return html`<section part="devices" aria-labelledby="devices-title" aria-busy=${devices.loading}>
      <h2 id="devices-title">${formatString('account.devices')}</h2>
      ${renderErrorNotice(devices.error)}
      ${
        devices.devices.length === 0 && !devices.loading
          ? html`<p class="note">${formatString('account.devices-empty')}</p>`
          : html`<ul>
              ${devices.devices.map((device) => this.#renderDevice(device))}
            </ul>`
      }
    </section>`;
  }

  override render(): TemplateResult {
    void this.#strings.value; // re-render when a host replaces the strings
    const signedOut = this.#auth.value.status === 'signed-out';
    return html`<div part="base" class="base">
      ${this.#devices.notices.map((notice) => this.#renderNotice(notice))}
      ${
        signedOut
          ? html`<p class="note">${formatString('account.signed-out')}</p>`
          : html`${this.#renderPreferences()} ${renderErrorNotice(this._error)}
            ${this.noDevices ? nothing : this.#renderDevices()}`
      }
    </div>`;
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
