// Switching <k8s-chat> between two sessions of 1,000 messages that it has already shown (cached), two ways:
// - through services: core's real stores and API client over the package's in-memory fake KubeChat API
//   (packages/chat-session/test/helpers/fake-chat.ts) given through context, no network. Core's messages
//   store holds the latest 200 messages of a session (older ones load when scrolling up), so that is what
//   a switch shows;
// - through the `messages` property: the host swaps two arrays of 1,000.
// Measured from the switch to the newest message of the other session painted.
import { BUNDLES } from './browser/launch.mjs';
import { chatPage } from './chat-render.mjs';
import { summarize } from './stats.mjs';

const SIZE = 1_000;
const SWITCHES = 10;

async function viaServices(browser) {
  const page = await browser.newPage([BUNDLES.fakes]);
  try {
    return await page.evaluate(
      async ([size, switches]) => {
        const fakes = await import('/bench/tmp/fakes.js');
        const { makeHistory } = await import('/bench/fixtures.mjs');
        const stored = (id) =>
          makeHistory(size, `${id}-`).map((m) =>
            fakes.message(id, m.id, { type: m.role, content: m.text, timestamp: m.createdAt }),
          );
        const world = fakes.fakeChat({
          sessions: [fakes.session('s1'), fakes.session('s2')],
          messages: { s1: stored('s1'), s2: stored('s2') },
        });
        const host = document.createElement('k8s-test-chat-services');
        host.services = world.services;
        const el = document.createElement('k8s-chat');
        el.style.height = '600px';
        host.append(el);
        document.getElementById('stage').append(host);
        const root = () => el.shadowRoot;
        const newestShown = (id) => () =>
          window.bench.visibleIn(
            root().querySelector(`[data-id="${id}-${size}"]`),
            root().querySelector('[part~=messages]'),
          );
        // Show both once, so both are cached in the stores (and their Markdown in the element).
        await window.bench.until(performance.now(), newestShown('s1'), 20_000);
        await window.bench.measure(() => el.selectSession('s2'), newestShown('s2'), 20_000);
        const runs = [];
        for (let i = 0; i < switches; i++) {
          for (let f = 0; f < 10; f++) await window.bench.afterPaint();
          const to = i % 2 ? 's2' : 's1';
          runs.push(await window.bench.measure(() => el.selectSession(to), newestShown(to), 10_000));
        }
        return runs;
      },
      [SIZE, SWITCHES],
    );
  } finally {
    await page.close();
  }
}

async function viaProperty(browser) {
  const page = await chatPage(browser, 'k8s', SIZE);
  try {
    return await page.evaluate(
      async ([size, switches]) => {
        const { makeHistory, toK8sChat } = await import('/bench/fixtures.mjs');
        const { sides } = window.__chat;
        const a = window.__history;
        const b = makeHistory(size, 'b');
        const views = { a: toK8sChat(a), b: toK8sChat(b) };
        const el = (await window.__chat.render('k8s', a)).el;
        await window.bench.measure(
          () => (el.messages = views.b),
          () => sides.k8s.shows(el, b),
        );
        const runs = [];
        for (let i = 0; i < switches; i++) {
          for (let f = 0; f < 10; f++) await window.bench.afterPaint();
          const [view, history] = i % 2 ? [views.b, b] : [views.a, a];
          runs.push(
            await window.bench.measure(
              () => (el.messages = view),
              () => sides.k8s.shows(el, history),
            ),
          );
        }
        return runs;
      },
      [SIZE, SWITCHES],
    );
  } finally {
    await page.close();
  }
}

export async function chatSwitchBenchmark(browser) {
  const services = await viaServices(browser);
  const property = await viaProperty(browser);
  return {
    messagesPerSession: SIZE,
    servicesMs: summarize(services.map((r) => r.ms)),
    servicesFrames: summarize(services.map((r) => r.frames)),
    propertyMs: summarize(property.map((r) => r.ms)),
    propertyFrames: summarize(property.map((r) => r.frames)),
  };
}
