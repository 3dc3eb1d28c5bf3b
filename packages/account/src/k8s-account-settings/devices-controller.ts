import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Device, HubEvent, KubeChatError, KubeChatServices } from '@k8s-chat/core';
import { isKubeChatError, KubeChatError as ErrorClass } from '@k8s-chat/core';

export interface SecurityNotice {
  readonly title: string;
  readonly message: string;
  readonly at: string;
}

/**
 * The devices a person is signed in on (one per refresh-token family), read over REST, and security
 * notices from the socket: a reused refresh token signs a device out, so the list is read again.
 */
export class DevicesController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #services: () => KubeChatServices | undefined;
  #watching: KubeChatServices | undefined;
  #stop: (() => void) | undefined;
  #generation = 0;

  devices: readonly Device[] = [];
  loading = false;
  error: KubeChatError | null = null;
  notices: readonly SecurityNotice[] = [];
  /** Ids being signed out right now (their buttons are busy). */
  readonly pending = new Set<string>();

  constructor(host: ReactiveControllerHost, services: () => KubeChatServices | undefined) {
    this.#host = host;
    this.#services = services;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdated(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#watching = undefined;
  }

  async reload(): Promise<void> {
    const services = this.#services();
    if (!services) return;
    const generation = ++this.#generation;
    this.loading = true;
    this.#host.requestUpdate();
    try {
      const devices = await services.api.devices();
      if (generation !== this.#generation) return;
      // Most recently used first; this device first of all.
      this.devices = [...devices].sort(
        (a, b) => Number(b.current) - Number(a.current) || b.last_used_at.localeCompare(a.last_used_at),
      );
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = asError(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
      this.#host.requestUpdate();
    }
  }

  /** Signs a device out on the server; for this device, ends the session here too. */
  async signOut(device: Device): Promise<void> {
    const services = this.#services();
    if (!services || this.pending.has(device.id)) return;
    this.pending.add(device.id);
    this.#host.requestUpdate();
    try {
      if (device.current) {
        await services.auth.signOut();
      } else {
        await services.api.revokeDevice(device.id);
        this.devices = this.devices.filter((d) => d.id !== device.id);
      }
      this.error = null;
    } catch (error) {
      this.error = asError(error);
    } finally {
      this.pending.delete(device.id);
      this.#host.requestUpdate();
    }
  }

  dismissNotice(notice: SecurityNotice): void {
    this.notices = this.notices.filter((n) => n !== notice);
    this.#host.requestUpdate();
  }

  #follow(): void {
    const services = this.#services();
    if (services === this.#watching) return;
    this.#stop?.();
    this.#watching = services;
    this.devices = [];
    this.notices = [];
    if (!services) return;
    const stopNotices = services.hub.on('notification', (event) => this.#onNotification(event));
    // Reading the person's preferences keeps their own topic (and so the socket) open for notices.
    const stopPreferences = services.stores.$preferences.listen(() => {});
    // The list belongs to one person: whenever the signed-in user changes (a sign-in after a page load
    // that found an older session, a sign-out), it is cleared and read again, and older answers dropped.
    let userId: string | null | undefined;
    const stopAuth = services.stores.$user.subscribe((user) => {
      const next = user?.id ?? null;
      if (next === userId) return;
      userId = next;
      this.#generation++;
      this.devices = [];
      this.loading = false;
      this.#host.requestUpdate();
      if (next) void this.reload();
    });
    this.#stop = () => {
      stopNotices();
      stopPreferences();
      stopAuth();
    };
  }

  #onNotification(event: HubEvent): void {
    const payload = event.payload as { type?: string; title?: string; message?: string } | null;
    if (payload?.type !== 'security') return;
    this.notices = [
      ...this.notices,
      { title: payload.title ?? 'Security notice', message: payload.message ?? '', at: event.timestamp },
    ];
    void this.reload();
  }
}

function asError(error: unknown): KubeChatError {
  return isKubeChatError(error) ? error : new ErrorClass({ kind: 'network', cause: error });
}
