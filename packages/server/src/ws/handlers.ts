/**
 * What the gateway does with each frame a client may send: auth, subscribe, unsubscribe, heartbeat, pong
 * and typing. Frames of one socket are handled one at a time (see Connection.enqueue).
 */
import type { Connection } from './connection.js';
import { CLOSE, isRecord, parseClientFrame, type ClientFrame } from './protocol.js';
import { isValidTopic, sessionIdOf, sessionTopic } from './topics.js';
import type { WsUser } from './types.js';

/** What the handlers need from the gateway. */
export interface HandlerContext {
  readonly epoch: string;
  /** How long one `typing: true` keeps the indicator on; clients repeat it while typing. */
  readonly typingTtlMs: number;
  now(): Date;
  log(event: string, detail: Record<string, unknown>): void;
  authenticate(token: string): Promise<{ user: WsUser; expiresAt: Date }>;
  /** Never throws: an authorizer that fails counts as a refusal. */
  authorize(user: WsUser, topic: string): Promise<boolean>;
  topicSeq(topic: string): number;
  /** Sends `reset` or the missed events of `topic` after `after`. */
  replay(connection: Connection, topic: string, after: number, clientEpoch: string | undefined): void;
  /** Publishes the session topic's presence; unless `force`, only when it changed. */
  publishPresence(topic: string, force: boolean): void;
}

// One subscribe may not ask for an unbounded amount of authorisation work.
const MAX_TOPICS_PER_FRAME = 100;
const ID = /^[A-Za-z0-9-]{1,64}$/;

export async function handleText(ctx: HandlerContext, connection: Connection, text: string): Promise<void> {
  const parsed = parseClientFrame(text);
  if (!parsed.ok) {
    connection.sendError(parsed.code, parsed.message);
    return;
  }
  await handleFrame(ctx, connection, parsed.frame);
}

async function handleFrame(ctx: HandlerContext, connection: Connection, frame: ClientFrame): Promise<void> {
  switch (frame.type) {
    case 'auth':
      return handleAuth(ctx, connection, frame.payload);
    // Liveness frames reveal nothing and change nothing, so upstream accepts them before auth too.
    case 'heartbeat':
      connection.send('pong', { timestamp: ctx.now().toISOString(), client_id: connection.id });
      return;
    case 'pong':
      return;
  }
  const user = connection.user;
  if (!user) {
    connection.sendError('AUTH_REQUIRED', 'Authenticate first: send {"type":"auth","payload":{"token":...}}');
    return;
  }
  switch (frame.type) {
    case 'subscribe':
      return handleSubscribe(ctx, connection, user, frame.payload);
    case 'unsubscribe':
      return handleUnsubscribe(ctx, connection, frame.payload);
    case 'typing':
      return handleTyping(ctx, connection, frame.payload);
  }
}

function isForbiddenError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown };
  return statusCode === 403 || status === 403;
}

async function handleAuth(ctx: HandlerContext, connection: Connection, payload: unknown): Promise<void> {
  const token = isRecord(payload) && typeof payload.token === 'string' ? payload.token : '';
  const refuse = (error: string, code: number, reason: string) => {
    connection.send('auth_result', { success: false, error });
    connection.close(code, reason);
  };
  if (token === '') {
    refuse('Missing token', CLOSE.unauthorized, 'authentication failed');
    return;
  }
  let result: { user: WsUser; expiresAt: Date };
  try {
    result = await ctx.authenticate(token);
  } catch (error) {
    const forbidden = isForbiddenError(error);
    ctx.log('ws.auth_failed', { client_id: connection.id, forbidden, error: String(error) });
    if (forbidden) refuse('Forbidden', CLOSE.forbidden, 'user forbidden');
    else refuse('Invalid token', CLOSE.unauthorized, 'authentication failed');
    return;
  }
  if (!connection.open) return;
  const { user, expiresAt } = result;
  if (!(expiresAt instanceof Date) || !(expiresAt.getTime() > ctx.now().getTime())) {
    refuse('Token expired', CLOSE.unauthorized, 'token expired');
    return;
  }
  const previous = connection.user;
  // A socket is one identity for its whole life; switching users would keep the old user's subscriptions.
  if (previous && previous.id !== user.id) {
    ctx.log('ws.auth_user_changed', { client_id: connection.id, user_id: previous.id, new_user_id: user.id });
    connection.close(CLOSE.forbidden, 'user changed');
    return;
  }
  connection.user = { id: user.id, username: user.username, role: user.role };
  connection.clearAuthDeadline();
  connection.expireAt(expiresAt, () => {
    ctx.log('ws.token_expired', { client_id: connection.id, user_id: user.id });
    connection.close(CLOSE.unauthorized, 'token expired');
  });
  ctx.log(previous ? 'ws.reauth' : 'ws.auth', { client_id: connection.id, user_id: user.id });
  connection.send('auth_result', {
    success: true,
    user_id: user.id,
    username: user.username,
    role: user.role,
    session_id: null,
    expires_at: expiresAt.toISOString(),
    epoch: ctx.epoch,
  });
  // The new token may carry a different role, or access to a shared session may have been revoked.
  if (previous) await reauthorize(ctx, connection, connection.user);
}

async function reauthorize(ctx: HandlerContext, connection: Connection, user: WsUser): Promise<void> {
  const revoked: string[] = [];
  for (const topic of [...connection.topics]) {
    if (!(await ctx.authorize(user, topic))) revoked.push(topic);
  }
  if (revoked.length === 0 || !connection.open) return;
  for (const topic of revoked) {
    connection.sendError('FORBIDDEN_TOPIC', `No longer allowed to read ${topic}`, { details: topic, topic });
  }
  removeTopics(ctx, connection, revoked);
}

type SubscribeRequest = {
  readonly topics: readonly string[];
  readonly after: ReadonlyMap<string, number>;
  readonly epoch: string | undefined;
};

function parseTopicList(payload: unknown): readonly string[] | string {
  if (!isRecord(payload) || !Array.isArray(payload.topics))
    return 'payload.topics must be an array of strings';
  const topics = payload.topics as unknown[];
  if (!topics.every((topic): topic is string => typeof topic === 'string')) {
    return 'payload.topics must be an array of strings';
  }
  if (topics.length > MAX_TOPICS_PER_FRAME) return `At most ${MAX_TOPICS_PER_FRAME} topics per message`;
  return [...new Set(topics)];
}

function parseSubscribe(payload: unknown): SubscribeRequest | string {
  const topics = parseTopicList(payload);
  if (typeof topics === 'string') return topics;
  const { after: rawAfter, epoch } = payload as Record<string, unknown>;
  if (epoch !== undefined && typeof epoch !== 'string') return 'payload.epoch must be a string';
  const after = new Map<string, number>();
  if (rawAfter !== undefined) {
    if (!isRecord(rawAfter)) return 'payload.after must map topics to sequence numbers';
    for (const [topic, seq] of Object.entries(rawAfter)) {
      if (!Number.isSafeInteger(seq) || (seq as number) < 0) {
        return `payload.after["${topic.slice(0, 80)}"] must be a non-negative integer`;
      }
      after.set(topic, seq as number);
    }
  }
  return { topics, after, epoch };
}

async function handleSubscribe(
  ctx: HandlerContext,
  connection: Connection,
  user: WsUser,
  payload: unknown,
): Promise<void> {
  const request = parseSubscribe(payload);
  if (typeof request === 'string') {
    connection.sendError('INVALID_MESSAGE', request);
    return;
  }
  const invalid = request.topics.filter((topic) => !isValidTopic(topic));
  if (invalid.length > 0 || request.topics.length === 0) {
    const message = invalid.length > 0 ? `Invalid topics: [${invalid.join(' ')}]` : 'No topics given';
    connection.sendError('INVALID_TOPICS', message, { details: invalid });
  }
  const granted: string[] = [];
  for (const topic of request.topics) {
    if (!isValidTopic(topic)) continue;
    if (await ctx.authorize(user, topic)) {
      granted.push(topic);
    } else {
      ctx.log('ws.forbidden_topic', { client_id: connection.id, user_id: user.id, topic });
      connection.sendError('FORBIDDEN_TOPIC', `Not allowed to subscribe to ${topic}`, {
        details: topic,
        topic,
      });
    }
  }
  if (!connection.open || connection.user?.id !== user.id) return;

  // From here on nothing awaits: adding the subscription, the ack and the replay happen in one turn of the
  // event loop, so a live event can neither overtake the replay nor be delivered by both.
  const joined = granted.filter((topic) => !connection.topics.has(topic));
  for (const topic of joined) connection.topics.add(topic);
  connection.send('status', {
    type: 'subscription',
    status: 'subscribed',
    message: `Subscribed to topics: [${granted.join(' ')}]`,
    metadata: {
      topics: granted,
      seq: Object.fromEntries(granted.map((topic) => [topic, ctx.topicSeq(topic)])),
      epoch: ctx.epoch,
    },
    timestamp: ctx.now().toISOString(),
  });
  for (const topic of granted) {
    const after = request.after.get(topic);
    if (after !== undefined) ctx.replay(connection, topic, after, request.epoch);
  }
  // A newcomer learns who is there from this event, so it is published even if the user list is unchanged.
  for (const topic of joined) {
    if (sessionIdOf(topic) !== undefined) ctx.publishPresence(topic, true);
  }
}

function handleUnsubscribe(ctx: HandlerContext, connection: Connection, payload: unknown): void {
  const topics = parseTopicList(payload);
  if (typeof topics === 'string') {
    connection.sendError('INVALID_MESSAGE', topics);
    return;
  }
  connection.send('status', {
    type: 'subscription',
    status: 'unsubscribed',
    message: `Unsubscribed from topics: [${topics.join(' ')}]`,
    metadata: { topics },
    timestamp: ctx.now().toISOString(),
  });
  removeTopics(ctx, connection, topics);
}

/** Drops subscriptions and tells the session topics' remaining members. */
export function removeTopics(ctx: HandlerContext, connection: Connection, topics: Iterable<string>): void {
  const left: string[] = [];
  for (const topic of topics) {
    if (connection.topics.delete(topic)) left.push(topic);
    connection.typing.delete(topic);
  }
  for (const topic of left) {
    if (sessionIdOf(topic) !== undefined) ctx.publishPresence(topic, false);
  }
}

function handleTyping(ctx: HandlerContext, connection: Connection, payload: unknown): void {
  if (!isRecord(payload) || typeof payload.session_id !== 'string' || typeof payload.typing !== 'boolean') {
    connection.sendError('INVALID_MESSAGE', 'typing needs {"session_id": string, "typing": boolean}');
    return;
  }
  const topic = ID.test(payload.session_id) ? sessionTopic(payload.session_id) : undefined;
  if (!topic || !connection.topics.has(topic)) {
    connection.sendError('FORBIDDEN_TOPIC', 'Subscribe to the session before sending typing', {
      details: topic ?? payload.session_id.slice(0, 80),
    });
    return;
  }
  const wasTyping = connection.typing.has(topic);
  // Typing again only extends the indicator; clients repeat it every few seconds while typing.
  if (payload.typing) connection.typing.set(topic, Date.now() + ctx.typingTtlMs);
  else connection.typing.delete(topic);
  if (payload.typing !== wasTyping) ctx.publishPresence(topic, false);
}
