/** Detail of {@link MessageSendEvent}. */
export interface MessageSendDetail {
  /** The text the person sent, trimmed. */
  readonly content: string;
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

declare global {
  interface HTMLElementEventMap {
    'k8s-message-send': MessageSendEvent;
  }
}
