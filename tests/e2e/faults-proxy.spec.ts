import { expect, test, type Page } from '@playwright/test';
import { faultProxy, type FaultProxy } from './fault-proxy.js';
import { ownServer, type OwnServer } from './own-server.js';
import { apiAs, ask, outputLines, signInPortal, watchErrors } from './support.js';

// Network faults between the browser and the real server (reliability W3, W5), made by a TCP fault proxy
// that stands in for Toxiproxy. The page is opened through the proxy, so REST and the WebSocket both cross
// it; the proxy forwards the Host header untouched, so the server sees the page's own origin (no
// KUBECHAT_ALLOWED_ORIGINS needed). The REST copies the page is compared with are read directly.

const PORT = Number(process.env.E2E_PROXY_SERVER_PORT ?? Number(process.env.E2E_PORT ?? 8181) + 4);
// The sandbox's clock runs twice as fast: `logs -f` follows for 5 s instead of 10 (CI budget).
const server: OwnServer = ownServer(PORT, { KUBECHAT_SANDBOX_TIME_SCALE: '0.5' });
// A burst of 100 lines (~13 kB), then a few followed lines. Under 500 lines the output element renders
// every line (it virtualizes longer output), so the page's lines can be compared with the server's.
const STREAM = 'kubectl logs deployment/api -n prod -f --tail=100';

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});

/** The server's own copy of an execution: its status and its output as non-empty lines. */
async function serverExecution(executionId: string) {
  const { api, headers } = await apiAs(server.url, 'alice');
  const body = await (await api.get(`/api/v1/commands/executions/${executionId}`, { headers })).json();
  await api.dispose();
  const execution = body.data ?? body;
  return {
    status: execution.status as string,
    lines: String(execution.output ?? '')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  };
}

/** Opens the portal through the proxy; counts every WebSocket the page creates and the frames it gets. */
async function openThroughProxy(page: Page, proxy: FaultProxy) {
  const sockets: string[] = [];
  const received: { type: string; at: number }[] = [];
  const subscribed: { socket: number; payload: string }[] = [];
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    const socket = sockets.length;
    ws.on('framesent', ({ payload }) => {
      if (String(payload).includes('"type":"subscribe"'))
        subscribed.push({ socket, payload: String(payload) });
    });
    ws.on('framereceived', ({ payload }) => {
      const type = /"type":"([a-z_]+)"/.exec(String(payload))?.[1];
      if (type) received.push({ type, at: Date.now() });
    });
  });
  await signInPortal(page, 'alice', `${proxy.url}/`);
  return { sockets, received, subscribed };
}

/** Runs a proposal and waits until its stream has shown a few lines. */
async function startStream(page: Page) {
  const preview = await ask(page, STREAM);
  await expect(preview.locator('[part=command]')).toContainText('logs deployment/api -n prod -f --tail=100');
  return preview;
}

test('W3: 2 s ± 1 s latency on REST and the WebSocket: no doubled messages, events in order, no spurious reconnect', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const proxy = await faultProxy({ host: '127.0.0.1', port: PORT });
  try {
    const errors = watchErrors(page);
    const { sockets, received } = await openThroughProxy(page, proxy);
    const sessionId = await page.locator('k8s-chat [part~=session-active]').getAttribute('data-session');

    // Signed in on a fast link, then every chunk each way is held 1–3 s (latency applies to live
    // connections too, so the open socket and the pooled HTTP connections all slow down).
    proxy.latency(2_000, 1_000);
    const slowSince = Date.now();
    const sent: number[] = [];
    page.on('requestfinished', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/messages')) sent.push(r.timing().responseStart);
    });
    const texts = ['list pods in default', 'show services in prod', 'show deployments in prod'];
    const composer = page.getByRole('textbox', { name: 'Message' });
    for (const text of texts) {
      await composer.fill(text);
      await composer.press('Enter');
    }
    const previews = page.locator('k8s-command-preview');
    await expect(previews).toHaveCount(3, { timeout: 30_000 });
    const first = previews.first();
    await expect(first.locator('[part=command]')).toContainText('get pods -n default');
    await first.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(first.locator('k8s-execution-status [part=label]')).toHaveText('Completed', {
      timeout: 30_000,
    });

    // The server stored each message once, in the order sent; the page shows exactly the server's list.
    const { api, headers } = await apiAs(server.url, 'alice');
    const stored = await (await api.get(`/api/v1/chat/sessions/${sessionId}/messages`, { headers })).json();
    await api.dispose();
    const messages = (stored.data ?? stored) as { id: string; type: string; content: string }[];
    expect(messages.filter((m) => m.type === 'user').map((m) => m.content)).toEqual(texts);
    const userRows = page.locator('k8s-chat [part~=message-user]');
    await expect(userRows).toHaveCount(3);
    await expect(userRows).toHaveText(texts.map((text) => new RegExp(text)));
    const rowIds = await page
      .locator('k8s-chat')
      .evaluate((chat) =>
        [...(chat.shadowRoot?.querySelectorAll('.row[data-id]') ?? [])].map((row) =>
          row.getAttribute('data-id'),
        ),
      );
    expect(rowIds).toEqual(messages.map((m) => m.id));

    // The command's output arrived in order and whole.
    const executionId = await first.locator('k8s-execution-status').getAttribute('execution-id');
    const snapshot = await serverExecution(executionId!);
    expect(snapshot.status).toBe('completed');
    expect(snapshot.lines.length).toBeGreaterThan(1);
    // Output written before the page subscribed comes from a REST read that may land after the result.
    await expect
      .poll(() => outputLines(first.locator('k8s-execution-status [part=output]')), { timeout: 15_000 })
      .toEqual(snapshot.lines);

    // The toxic was really on: every message round trip took at least 2 × (2 s − 1 s).
    expect(sent).toHaveLength(3);
    for (const ms of sent) expect(ms).toBeGreaterThanOrEqual(1_900);

    // Heartbeats under latency: the page pings every 10 s and drops a socket silent for 20 s; the server
    // pings every 25 s and drops one that sent nothing by its next tick. Round trips of up to 6 s must not
    // trip either, so wait until both sides have heartbeated through the slow link: two of the page's
    // heartbeats answered (pong) and one server ping received (the page answers it at once, 25 s before
    // the server would look again).
    const since = (type: string) => received.filter((f) => f.type === type && f.at > slowSince).length;
    await expect
      .poll(() => since('pong') >= 2 && since('ping') >= 1, { timeout: 40_000, intervals: [500] })
      .toBe(true);
    // One more worst-case round trip for the answer to the last ping to reach the server.
    await page.waitForTimeout(6_000);
    expect(sockets).toHaveLength(1);
    await expect(page.locator('k8s-chat [part~=banner]')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await proxy.close();
  }
});

test('W5: every frame cut into 1–16 byte pieces while a command streams: no parse error, output whole', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const proxy = await faultProxy({ host: '127.0.0.1', port: PORT });
  try {
    const errors = watchErrors(page);
    const { sockets, received } = await openThroughProxy(page, proxy);
    const preview = await startStream(page);
    // From here every chunk either way, WebSocket frames included, reaches the other side in 1–16 byte
    // pieces a millisecond apart, so frame headers and JSON bodies are split at every possible place.
    proxy.slicer(16, 1);
    const framesBefore = received.length;
    await preview.getByRole('button', { name: 'Run', exact: true }).click();
    const status = preview.locator('k8s-execution-status');
    await expect(status.locator('[part=label]')).toHaveText('Completed', { timeout: 30_000 });
    proxy.clear();

    const snapshot = await serverExecution((await status.getAttribute('execution-id'))!);
    expect(snapshot.status).toBe('completed');
    expect(snapshot.lines.length).toBeGreaterThan(3);
    // The burst was written before the page subscribed, so it comes from a REST read, which may still be
    // crossing the slicer when the result event arrives.
    await expect
      .poll(() => outputLines(preview.locator('k8s-execution-status [part=output]')), { timeout: 10_000 })
      .toEqual(snapshot.lines);
    // The stream really crossed the slicer, on the one socket the page opened.
    expect(received.length - framesBefore).toBeGreaterThan(3);
    expect(sockets).toHaveLength(1);
    expect(errors).toEqual([]);
  } finally {
    await proxy.close();
  }
});

test('W5: the connection is reset mid-stream: the page reconnects and resumes, no line lost or doubled', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const proxy = await faultProxy({ host: '127.0.0.1', port: PORT });
  try {
    // The reset and the refused reconnects show in the console as failed sockets and requests.
    const errors = watchErrors(page, /status of 401|WebSocket|net::ERR_/);
    const { sockets, subscribed } = await openThroughProxy(page, proxy);
    const preview = await startStream(page);
    // The burst trickles down in pieces, so the reset below lands while part of it is still in flight.
    proxy.slicer(64, 1, 'downstream');
    await preview.getByRole('button', { name: 'Run', exact: true }).click();
    const status = preview.locator('k8s-execution-status');
    await expect
      .poll(() => proxy.stats.queued.downstream, { timeout: 15_000, intervals: [20] })
      .toBeGreaterThan(4_000);

    // Mid-burst: every connection gets a TCP reset (the bytes still queued are lost with it), and for
    // 1 s new connections are reset on accept, like a gateway that is briefly down.
    expect(proxy.resetPeer(1_000)).toBeGreaterThan(0);
    proxy.clear();
    const shownAtReset = await preview.locator('k8s-execution-status .line[data-line]').count();
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBeGreaterThan(1);
    await expect(status.locator('[part=label]')).toHaveText('Completed', { timeout: 30_000 });

    // The new socket subscribed to the execution again (with `after` where it had seen events).
    const executionId = (await status.getAttribute('execution-id'))!;
    expect(subscribed.some((s) => s.socket > 1 && s.payload.includes(`execution:${executionId}`))).toBe(true);

    // The server kept running the command; the page shows its output exactly: no gap, no duplicate.
    const snapshot = await serverExecution(executionId);
    expect(snapshot.status).toBe('completed');
    const lines = await outputLines(preview.locator('k8s-execution-status [part=output]'));
    expect(lines.length).toBeGreaterThan(shownAtReset);
    expect(lines).toEqual(snapshot.lines);
    expect(new Set(lines).size).toBe(lines.length);
    await expect(page.locator('k8s-chat [part~=banner]')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await proxy.close();
  }
});
