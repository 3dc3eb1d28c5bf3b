// Compile-only: checks that every event name maps to its typed event class (tsc -p tsconfig.test.json).
import type { MessageSendDetail, MessageSendEvent } from '../src/index.js';

declare const chat: HTMLElementTagNameMap['k8s-chat'];

chat.addEventListener('k8s-message-send', (event) => {
  const typed: MessageSendEvent = event;
  const detail: MessageSendDetail = event.detail;
  // @ts-expect-error detail is readonly
  event.detail = { content: '' };
  void typed;
  void detail;
});
