// In-page adapters for the two chat elements compared side by side: how to give each a history, how to
// append one message, and when the newest message is on screen. Loaded by the page from the static server.
import { toDeepChat, toK8sChat } from '../fixtures.mjs';

const { visibleIn } = window.bench;

export const sides = {
  /** `<k8s-chat>` driven by its `messages` property (no services, no server). */
  k8s: {
    create(history) {
      const el = document.createElement('k8s-chat');
      el.setAttribute('no-sessions', '');
      el.messages = toK8sChat(history);
      return el;
    },
    append(el, message) {
      el.messages = [...el.messages, ...toK8sChat([message])];
    },
    /** The message with `id` has a box inside the visible part of the list. */
    shows(el, history) {
      const root = el.shadowRoot;
      const last = history[history.length - 1];
      const row = root?.querySelector(`[data-id="${CSS.escape(last.id)}"]`);
      return visibleIn(row, root?.querySelector('[part~=messages]'));
    },
  },
  /** Deep Chat from its published bundle, given the same messages through its `history` property. */
  deep: {
    create(history) {
      const el = document.createElement('deep-chat');
      // Deep Chat keeps 4,000 messages by default and drops older ones; room for all of them (and its own
      // intro message) makes it hold the same conversation as <k8s-chat>.
      el.maxVisibleMessages = history.length + 100;
      el.history = toDeepChat(history);
      return el;
    },
    append(el, message) {
      el.addMessage(toDeepChat([message])[0]);
    },
    shows(el, history) {
      const root = el.shadowRoot;
      const rows = root?.querySelectorAll('.outer-message-container');
      // Deep Chat puts its own intro message first; every history message must be there too.
      if (!rows || rows.length < history.length) return false;
      return visibleIn(rows[rows.length - 1], root.querySelector('#messages'));
    },
  },
};

/** Mounts a `side` element with `history` at the start of a frame; resolves when its last message is painted. */
export async function render(side, history) {
  const stage = document.getElementById('stage');
  let el;
  const result = await window.bench.measure(
    () => {
      el = sides[side].create(history);
      stage.append(el);
    },
    () => sides[side].shows(el, history),
  );
  return { ...result, el };
}
