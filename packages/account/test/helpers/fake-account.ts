/**
 * Recorded-fixture services for <k8s-account-settings> stories and unit tests: an in-memory preferences
 * and devices API behind core's real client, and core's fake WebSocket gateway (no network).
 */
import { createServices, type Device, type Preferences } from '@k8s-chat/core';
import { FakeGateway } from '../../../core/test/helpers/fake-gateway.js';

export { withServices } from '../../../../tests/fakes/with-services.js';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1';

export const SAMPLE_DEVICES: Device[] = [
  {
    id: 'd-laptop',
    user_agent: CHROME_LINUX,
    ip: '10.20.0.14',
    created_at: '2026-11-20T08:12:00Z',
    last_used_at: '2026-11-28T05:40:00Z',
    current: true,
  },
  {
    id: 'd-phone',
    user_agent: SAFARI_IOS,
    ip: '10.20.7.201',
    created_at: '2026-11-02T19:03:00Z',
    last_used_at: '2026-11-27T21:15:00Z',
    current: false,
  },
];

/** What the server sends a person when a reused refresh token signed one of their devices out. */
export const SECURITY_NOTICE_FRAME = {
  type: 'notification',
  payload: {
    type: 'security',
    title: 'A sign-in was ended for safety',
    message: 'A refresh token of alice was used twice (from 10.0.0.9); that device was signed out.',
    priority: 'high',
    data: {},
  },
} as const;

export interface FakeAccountOptions {
  readonly devices?: Device[];
  readonly preferences?: Partial<Preferences>;
  /** Every request fails like a server error (with a support reference). */
  readonly failing?: boolean;
}

export function fakeAccountServices(options: FakeAccountOptions = {}) {
  const gateway = new FakeGateway();
  let devices = [...(options.devices ?? SAMPLE_DEVICES)];
  let preferences: Preferences = {
    theme: 'system',
    default_namespace: null,
    compact: false,
    sound: false,
    updated_at: null,
    ...options.preferences,
  };
  const reads = { devices: 0 };
  const reply = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-7f3a9c' },
    });
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname.replace('/api/v1/', '');
    if (options.failing && path !== 'auth/me')
      return reply(500, { error: 'Internal error', code: 'INTERNAL', request_id: 'req-7f3a9c' });
    if (path === 'auth/me') return reply(200, { data: { id: 'u1', username: 'alice', role: 'user' } });
    if (path === 'auth/devices') {
      reads.devices++;
      return reply(200, { data: devices });
    }
    if (path.startsWith('auth/devices/') && request.method === 'DELETE') {
      devices = devices.filter((d) => d.id !== path.split('/').pop());
      return reply(200, { message: 'Device signed out' });
    }
    if (path === 'auth/me/preferences') {
      if (request.method === 'PATCH') {
        preferences = { ...preferences, ...(await request.json()), updated_at: new Date().toISOString() };
      }
      return reply(200, { data: preferences });
    }
    return reply(404, { error: 'Not found', code: 'NOT_FOUND' });
  }) as typeof fetch;
  const services = createServices({
    baseUrl: 'http://account.fake',
    getAccessToken: () => 'fixture-token',
    fetch: fakeFetch,
    hub: { WebSocket: gateway.WebSocket as never },
  });
  return { services, gateway, reads };
}
