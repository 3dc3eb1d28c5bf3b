import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { EXECUTION_STATUSES, K8sElement, type ExecutionStatus } from '@k8s-chat/core';
import { executionStatusStyles } from './k8s-execution-status.styles.js';

const STATUS_LABEL: Record<ExecutionStatus, { icon: string; text: string }> = {
  pending: { icon: '○', text: 'Pending' },
  pending_approval: { icon: '⏸', text: 'Waiting for approval' },
  approved: { icon: '✓', text: 'Approved' },
  executing: { icon: '▶', text: 'Running' },
  completed: { icon: '✔', text: 'Completed' },
  failed: { icon: '✖', text: 'Failed' },
  rejected: { icon: '⊘', text: 'Rejected' },
  cancelled: { icon: '■', text: 'Cancelled' },
  timeout: { icon: '⌛', text: 'Timed out' },
};

/**
 * The live status of one command execution.
 *
 * @customElement k8s-execution-status
 * @tag k8s-execution-status
 * @csspart base - The status row.
 * @csspart status-icon - The icon for the current status.
 * @csspart label - The status in words.
 * @cssprop --k8s-execution-status-bg - Background of the status row.
 * @since 0.1.0
 */
export class K8sExecutionStatus extends K8sElement {
  static override styles = [K8sElement.styles, executionStatusStyles];

  /** The execution status; reflected so host CSS can style each state. */
  @property({ reflect: true }) status: ExecutionStatus = 'pending';

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  override willUpdate(): void {
    if (!EXECUTION_STATUSES.includes(this.status)) this.status = 'pending';
  }

  override render() {
    const label = STATUS_LABEL[this.status];
    return html`<div part="base" role="status">
      <span part="status-icon" aria-hidden="true">${label.icon}</span>
      <span part="label">${label.text}</span>
    </div>`;
  }
}
