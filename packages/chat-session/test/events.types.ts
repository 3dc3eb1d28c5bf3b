// Compile-only: checks that every event name maps to its typed event class (tsc -p tsconfig.test.json).
import type {
  MessageSendDetail,
  MessageSendEvent,
  SessionChangeDetail,
  SessionChangeEvent,
} from '../src/index.js';

declare const chat: HTMLElementTagNameMap['k8s-chat'];

chat.addEventListener('k8s-message-send', (event) => {
  const typed: MessageSendEvent = event;
  const detail: MessageSendDetail = event.detail;
  // @ts-expect-error detail is readonly
  event.detail = { content: '' };
  void typed;
  void detail;
});

chat.addEventListener('k8s-session-change', (event) => {
  const typed: SessionChangeEvent = event;
  const detail: SessionChangeDetail = event.detail;
  const id: string | null = detail.sessionId;
  // @ts-expect-error detail is readonly
  event.detail = { sessionId: null, previousSessionId: null };
  void typed;
  void id;
});
