import type { KubeChatError } from '@k8s-chat/core';

/** Who wrote a message. */
export const MESSAGE_ROLES = ['user', 'assistant', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** Where a message is on its way: stored (`sent`), or a local copy `sending`, `queued` or `failed`. */
export const MESSAGE_STATUSES = ['sent', 'sending', 'queued', 'failed'] as const;
export type ChatMessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Formats `exportSession` can produce. */
export const EXPORT_FORMATS = ['markdown', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A chat message as the element shows it. */
export interface ChatMessageView {
  readonly id: string;
  readonly role: MessageRole;
  readonly content: string;
  readonly createdAt: string;
  /** Default `sent`. */
  readonly status?: ChatMessageStatus;
  /** Who wrote it (participants of a shared session). */
  readonly author?: string;
  /** Carried from the server: `command` (a CommandProposal) and `output` (command output, shown as data). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /**
   * The message this one answers. The server sets it on every assistant answer; a person's message with a
   * parent is an explicit reply (a thread).
   */
  readonly parentId?: string;
  /** The id that makes sending exactly-once; a retry reuses it. */
  readonly clientMessageId?: string;
  /** Why a local message is queued or failed. */
  readonly error?: KubeChatError | null;
}

/** Someone in a shared session, from the session topic's `presence` events. */
export interface PresenceUser {
  readonly id: string;
  readonly username: string;
  readonly typing: boolean;
}

/** Requests shown on an empty session; clicking one puts it in the composer. */
export const EXAMPLE_PROMPTS = [
  'List the pods in prod that are not running',
  'Why is the api deployment in staging restarting?',
  'Scale deployment web in default to 3 replicas',
  'Show the last 50 log lines of the ingress controller',
] as const;

/** The localStorage key holding the last active session id (never any token). */
export const LAST_SESSION_KEY = '@k8s-chat/chat-session:last-session';
