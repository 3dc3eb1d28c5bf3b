/**
 * Topic names. Upstream's fixed topics plus per-resource ones; the id part is checked here so a topic name
 * can be logged and used as a map key without further escaping.
 */

const FIXED_TOPICS = new Set(['commands', 'system', 'alerts', 'approvals']);
const SCOPED_TOPIC = /^(session|execution|user):[A-Za-z0-9-]{1,64}$/;
const SESSION_PREFIX = 'session:';

export function isValidTopic(topic: string): boolean {
  return FIXED_TOPICS.has(topic) || SCOPED_TOPIC.test(topic);
}

/** The session id of a `session:<id>` topic, or undefined for any other topic. */
export function sessionIdOf(topic: string): string | undefined {
  return topic.startsWith(SESSION_PREFIX) ? topic.slice(SESSION_PREFIX.length) : undefined;
}

export function sessionTopic(sessionId: string): string {
  return SESSION_PREFIX + sessionId;
}
