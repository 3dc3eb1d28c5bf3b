/**
 * Preferences against the real reference server: stored per user, the same on every device, applied to
 * elements unless the page set the attribute itself.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { PreferencesController, createServices, defineElement, type KubeChatServices } from '../src/index.js';
import { hostSource, servers } from './helpers/wire.js';

/** The smallest element that follows preferences the way the real ones do. */
class PreferencesProbe extends LitElement {
  @property({ attribute: false }) services: KubeChatServices | undefined;
  readonly preferences = new PreferencesController(this, () => this.services);
}
defineElement('k8s-test-preferences-probe', PreferencesProbe);

describe('preferences against the reference server', function () {
  this.timeout(30_000);
  const live: KubeChatServices[] = [];
  // victor is a viewer: preferences are for everyone who can sign in, not only for people who run commands.
  const device = () => {
    const url = servers().main;
    const services = createServices({ baseUrl: url, getAccessToken: hostSource(url, 'victor').source });
    live.push(services);
    return services;
  };
  afterEach(async () => {
    const [first] = live;
    if (first)
      await first.stores.updatePreferences({
        theme: 'system',
        compact: false,
        sound: false,
        default_namespace: null,
      });
    for (const s of live.splice(0)) s.dispose();
  });

  it('a change on one device reaches the other live, and survives a fresh read', async () => {
    const laptop = device();
    const phone = device();
    const seen: string[] = [];
    const stop = phone.stores.$preferences.subscribe((state) => seen.push(state.value.theme));
    try {
      await waitUntil(() => phone.stores.$preferences.get().loaded, 'the phone read its preferences');
      await waitUntil(() => phone.hub.$connection.get() === 'open', 'the phone is connected');
      await laptop.stores.updatePreferences({ theme: 'dark', default_namespace: 'staging' });
      await waitUntil(() => phone.stores.$preferences.get().value.theme === 'dark', 'the phone got dark');
      expect(phone.stores.$preferences.get().value.default_namespace).to.equal('staging');
      expect(seen).to.include('dark');
    } finally {
      stop();
    }
    const later = device();
    expect((await later.api.preferences()).theme).to.equal('dark');
  });

  it('applies theme and compact to elements, except attributes the page set itself', async () => {
    const services = device();
    const probes = await fixture<HTMLElement>(
      html`<div>
        <k8s-test-preferences-probe .services=${services}></k8s-test-preferences-probe>
        <k8s-test-preferences-probe .services=${services} theme="light"></k8s-test-preferences-probe>
      </div>`,
    );
    const [free, chosen] = [...probes.children] as PreferencesProbe[];
    await services.stores.updatePreferences({ theme: 'dark', compact: true });
    await waitUntil(() => free!.getAttribute('theme') === 'dark', 'the preference applied');
    expect(free!.hasAttribute('compact')).to.equal(true);
    expect(chosen!.getAttribute('theme'), 'the page wins').to.equal('light');
    expect(chosen!.hasAttribute('compact')).to.equal(true);

    await services.stores.updatePreferences({ theme: 'system', compact: false });
    await waitUntil(() => !free!.hasAttribute('theme'), 'system follows the OS again');
    expect(free!.hasAttribute('compact')).to.equal(false);
    expect(chosen!.getAttribute('theme')).to.equal('light');
  });

  it('rolls a refused change back and keeps the error', async () => {
    const services = device();
    const stop = services.stores.$preferences.listen(() => {});
    try {
      await waitUntil(() => services.stores.$preferences.get().loaded, 'loaded');
      const before = services.stores.$preferences.get().value.default_namespace;
      let error: unknown;
      await services.stores
        .updatePreferences({ default_namespace: 'Not A Namespace' })
        .catch((e: unknown) => (error = e));
      expect(error, 'the change was refused').to.be.instanceOf(Error);
      const state = services.stores.$preferences.get();
      expect(state.value.default_namespace, 'rolled back').to.equal(before);
      expect(state.error?.status).to.equal(400);
    } finally {
      stop();
    }
  });
});
