/** A fetch to hand to ky (and so to the API client and token providers) that records every request. */
export interface Recorded {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: any;
  readonly credentials: RequestCredentials;
  readonly signal: AbortSignal;
}

export type Handler = (request: Recorded, index: number) => Response | Promise<Response>;

export function fakeFetch(handler: Handler) {
  const calls: Recorded[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = request.body === null ? '' : await request.clone().text();
    const recorded: Recorded = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
      credentials: request.credentials,
      signal: request.signal,
    };
    calls.push(recorded);
    const response = await handler(recorded, calls.length - 1);
    if (request.signal.aborted) throw request.signal.reason;
    return response;
  }) as typeof globalThis.fetch;
  return {
    fetch,
    calls,
    /** Requests whose path ends with `suffix`. */
    to: (suffix: string, method?: string) =>
      calls.filter((c) => c.url.pathname.endsWith(suffix) && (!method || c.method === method)),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain', ...headers } });
}

/** A response that never comes; the request fails only when its signal aborts (a black-holed request). */
export function hang(request: Recorded): Promise<Response> {
  return new Promise((_, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });
}

export const BASE = 'http://kubechat.test';

/** A login/refresh grant as the server sends it. */
export function grant(token: string, expiresIn = 900, user = { id: 'u1', username: 'alice', role: 'user' }) {
  return {
    message: 'ok',
    data: {
      user,
      token,
      expires_at: new Date(Date.now() + expiresIn * 1000).toISOString(),
      expires_in: expiresIn,
    },
  };
}
