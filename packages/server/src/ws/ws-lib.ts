/**
 * The one place that touches the `ws` package's module shape. The type definitions installed at the
 * repository root are @types/ws 7 (hoisted for the dev server) while the server runs ws 8, whose ESM entry
 * exports `WebSocketServer` by name and no longer hangs it off `WebSocket.Server`. The types below describe
 * the ws 8 surface this gateway uses, so the rest of the gateway never casts.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as ws from 'ws';
import type WebSocket from 'ws';

/** A server-side socket (ws 8 at runtime; its v7 typings match the methods used here). */
export type Socket = WebSocket;

export const OPEN = 1;

export interface UpgradeServerOptions {
  noServer: true;
  clientTracking: false;
  perMessageDeflate: false;
  maxPayload: number;
  /** ws 8 passes the offered subprotocols as a Set; returning false selects none. */
  handleProtocols: (offered: Set<string>, request: IncomingMessage) => string | false;
}

export interface UpgradeServer {
  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    done: (socket: Socket, request: IncomingMessage) => void,
  ): void;
  close(): void;
}

type UpgradeServerClass = new (options: UpgradeServerOptions) => UpgradeServer;

function loadUpgradeServerClass(): UpgradeServerClass {
  const candidate = (ws as unknown as { WebSocketServer?: UpgradeServerClass }).WebSocketServer;
  if (typeof candidate !== 'function') {
    throw new Error('The WebSocket gateway needs ws 8 (its ESM entry exports WebSocketServer).');
  }
  return candidate;
}

const UpgradeServerImpl = loadUpgradeServerClass();

export function createUpgradeServer(options: UpgradeServerOptions): UpgradeServer {
  return new UpgradeServerImpl(options);
}
