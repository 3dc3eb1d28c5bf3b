/** Detail of {@link MessageSendEvent}. */
export interface MessageSendDetail {
  /** The text the person sent, trimmed. */
  readonly content: string;
  /** The session it goes to, when known. */
  readonly sessionId?: string | null;
  /** The message this one replies to, when the person chose "Reply". */
  readonly parentId?: string;
}

/** The person asked to send a message. Bubbles and crosses shadow roots so the host page sees it. */
export class MessageSendEvent extends Event {
  static readonly eventName = 'k8s-message-send';
  readonly detail: MessageSendDetail;

  constructor(detail: MessageSendDetail) {
    super(MessageSendEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** Detail of {@link SessionChangeEvent}. */
export interface SessionChangeDetail {
  /** The session now shown, or null when none is. */
  readonly sessionId: string | null;
  /** The session shown before. */
  readonly previousSessionId: string | null;
}

/** The person switched, created or deleted the active session. Bubbles and is composed. */
export class SessionChangeEvent extends Event {
  static readonly eventName = 'k8s-session-change';
  readonly detail: SessionChangeDetail;

  constructor(detail: SessionChangeDetail) {
    super(SessionChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'k8s-message-send': MessageSendEvent;
    'k8s-session-change': SessionChangeEvent;
  }
}
