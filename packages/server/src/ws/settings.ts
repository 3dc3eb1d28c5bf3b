/** The gateway's options with defaults applied and checked once, at creation. */
import { randomUUID } from 'node:crypto';
import type { WsGatewayOptions } from './types.js';

const MIB = 1024 * 1024;

export interface Settings {
  readonly path: string;
  readonly epoch: string;
  readonly authTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly historyPerTopic: number;
  readonly maxPayloadBytes: number;
  readonly maxBufferedBytes: number;
  readonly idleTopicTtlMs: number;
  readonly typingTtlMs: number;
  readonly now: () => Date;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < 0 || (result === 0 && !allowZero)) {
    throw new RangeError(`WsGatewayOptions.${name} must be a positive number, got ${String(value)}`);
  }
  return result;
}

export function settingsFrom(options: WsGatewayOptions): Settings {
  return {
    path: options.path ?? '/api/v1/ws',
    epoch: options.epoch ?? randomUUID(),
    authTimeoutMs: positive('authTimeoutMs', options.authTimeoutMs, 10_000),
    heartbeatIntervalMs: positive('heartbeatIntervalMs', options.heartbeatIntervalMs, 25_000),
    historyPerTopic: positive('historyPerTopic', options.historyPerTopic, 1000, true),
    maxPayloadBytes: positive('maxPayloadBytes', options.maxPayloadBytes, MIB),
    maxBufferedBytes: positive('maxBufferedBytes', options.maxBufferedBytes, 8 * MIB),
    idleTopicTtlMs: positive('idleTopicTtlMs', options.idleTopicTtlMs, 30 * 60_000),
    typingTtlMs: positive('typingTtlMs', options.typingTtlMs, 6_000),
    now: options.now ?? (() => new Date()),
    log: options.log ?? (() => {}),
  };
}
