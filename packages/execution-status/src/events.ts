/** Detail of {@link ExecutionCancelEvent}. */
export interface ExecutionCancelDetail {
  readonly executionId: string;
}

/**
 * The person confirmed cancelling an execution. Cancelable: `preventDefault()` keeps it running.
 * Bubbles and is composed so an app shell sees it through shadow roots.
 */
export class ExecutionCancelEvent extends Event {
  static readonly eventName = 'k8s-execution-cancel';
  readonly detail: ExecutionCancelDetail;
  constructor(detail: ExecutionCancelDetail) {
    super(ExecutionCancelEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** Detail of {@link RollbackRunEvent}. */
export interface RollbackRunDetail {
  readonly executionId: string;
  readonly planId: string;
}

/**
 * The person confirmed running a rollback plan. Cancelable: `preventDefault()` stops it.
 * Bubbles and is composed.
 */
export class RollbackRunEvent extends Event {
  static readonly eventName = 'k8s-rollback-run';
  readonly detail: RollbackRunDetail;
  constructor(detail: RollbackRunDetail) {
    super(RollbackRunEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'k8s-execution-cancel': ExecutionCancelEvent;
    'k8s-rollback-run': RollbackRunEvent;
  }
}
