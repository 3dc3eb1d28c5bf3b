/** Helpers for tests against the real reference server started by web-test-runner. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { HostTokenSource } from '../../src/index.js';

export const PASSWORD = 'kubechat-demo';

interface Servers {
  main?: string;
  short?: string;
  error: string | null;
}

/** The servers' URLs; throws with the plugin's reason when they are not running. */
export function servers(): Required<Omit<Servers, 'error'>> {
  const found = (window as unknown as { __KUBECHAT_TEST_SERVERS__?: Servers }).__KUBECHAT_TEST_SERVERS__;
  if (!found?.main || !found.short) {
    throw new Error(
      found?.error ??
        'The reference server was not started: run these tests through web-test-runner with its kubechat-test-servers plugin.',
    );
  }
  return { main: found.main, short: found.short };
}

/** Kills (SIGKILL) and restarts a test server: same port and data, new WebSocket epoch, no event history. */
export function restartServer(server: 'main' | 'short'): Promise<{ url: string }> {
  return executeServerCommand('kubechat-server', { server, action: 'restart', kill: true });
}

/** Signs in without cookies (credentials omit), as a host's own backend would, and returns the grant. */
export async function login(baseUrl: string, username: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()).data as { token: string; expires_in: number; user: { id: string } };
}

/** A host `getAccessToken` that signs in for every token it hands out, and records how it was called. */
export function hostSource(baseUrl: string, username: string, options: { withExpiry?: boolean } = {}) {
  const calls: Array<{ forceRefresh: boolean; reason: string; at: number }> = [];
  const source: HostTokenSource = async (request) => {
    calls.push({ ...request, at: Date.now() });
    const grant = await login(baseUrl, username);
    return options.withExpiry ? { token: grant.token, expiresIn: grant.expires_in } : grant.token;
  };
  return { source, calls, forced: () => calls.filter((c) => c.forceRefresh).length };
}

/** A fetch that records every request before passing it on. */
export function countingFetch(intercept?: (request: Request, response: Response) => void) {
  const requests: Request[] = [];
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    const response = await fetch(request);
    intercept?.(request, response);
    return response;
  }) as typeof fetch;
  return { fetch: wrapped, requests };
}

export interface SpiedSocket {
  readonly url: string;
  readonly sent: any[];
  readonly received: any[];
  closeCode: number | null;
}

/** A WebSocket class for the hub that records frames; while `gate.closed`, sockets go to a dead port. */
export function socketSpy(gate = { closed: false }) {
  const sockets: SpiedSocket[] = [];
  class SpyWebSocket extends WebSocket {
    readonly record: SpiedSocket;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(gate.closed ? 'ws://127.0.0.1:1/' : url, protocols);
      this.record = { url: String(url), sent: [], received: [], closeCode: null };
      sockets.push(this.record);
      this.addEventListener('message', (e) => this.record.received.push(JSON.parse(String(e.data))));
      this.addEventListener('close', (e) => {
        this.record.closeCode = e.code;
      });
    }
    override send(data: string): void {
      this.record.sent.push(JSON.parse(data));
      super.send(data);
    }
  }
  return { WebSocket: SpyWebSocket, sockets, gate, open: () => sockets.filter((s) => s.closeCode === null) };
}
