import type { SafetyLevel } from '@k8s-chat/core';

/** Detail of {@link CommandRunEvent}. */
export interface CommandRunDetail {
  /** The exact command that will be sent. */
  readonly command: string;
  /** The level the person saw (the server decides again). */
  readonly safetyLevel: SafetyLevel;
  readonly sessionId: string | null;
  readonly messageId: string | null;
}

/**
 * The person clicked Run, Confirm and run, or Request approval. Fired before anything is sent; cancelable,
 * so a host can veto with `preventDefault()`. Bubbles and is composed.
 */
export class CommandRunEvent extends Event {
  static readonly eventName = 'k8s-command-run';
  readonly detail: CommandRunDetail;
  constructor(detail: CommandRunDetail) {
    super(CommandRunEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** Detail of {@link CommandApproveEvent} and {@link CommandRejectEvent}. */
export interface CommandDecisionDetail {
  readonly executionId: string;
  readonly approvalId: string;
  readonly command: string;
  readonly commandDigest: string;
  /** The reason given (required for a rejection). */
  readonly reason: string | null;
}

/** An approver clicked Approve. Cancelable (veto before it is sent); bubbles, composed. */
export class CommandApproveEvent extends Event {
  static readonly eventName = 'k8s-command-approve';
  readonly detail: CommandDecisionDetail;
  constructor(detail: CommandDecisionDetail) {
    super(CommandApproveEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** An approver rejected a request with a reason. Cancelable (veto before it is sent); bubbles, composed. */
export class CommandRejectEvent extends Event {
  static readonly eventName = 'k8s-command-reject';
  readonly detail: CommandDecisionDetail;
  constructor(detail: CommandDecisionDetail) {
    super(CommandRejectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'k8s-command-run': CommandRunEvent;
    'k8s-command-approve': CommandApproveEvent;
    'k8s-command-reject': CommandRejectEvent;
  }
}
