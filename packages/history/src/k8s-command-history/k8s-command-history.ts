import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { K8sElement } from '@k8s-chat/core';
import { commandHistoryStyles } from './k8s-command-history.styles.js';
import { formatDuration } from './format.js';
import type { HistoryRow } from './k8s-command-history.types.js';

/**
 * The command history: every execution the reader may see, newest first.
 *
 * @customElement k8s-command-history
 * @tag k8s-command-history
 * @csspart table - The history table.
 * @csspart empty - The message shown when there are no executions.
 * @cssprop --k8s-command-history-bg - Background of the table.
 * @cssprop --k8s-command-history-header-bg - Background of the column headers.
 * @since 0.1.0
 */
export class K8sCommandHistory extends K8sElement {
  static override styles = [K8sElement.styles, commandHistoryStyles];

  /** The executions to show; replace the array to update. */
  @property({ attribute: false }) rows: readonly HistoryRow[] = [];

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  override render() {
    if (this.rows.length === 0) return html`<p part="empty">No commands have run yet.</p>`;
    return html`<table part="table">
      <caption class="visually-hidden">
        Command history, ${this.rows.length} executions
      </caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">User</th>
          <th scope="col">Command</th>
          <th scope="col">Namespace</th>
          <th scope="col">Safety</th>
          <th scope="col">Status</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        ${this.rows.map(
          (row) =>
            html`<tr>
              <td><time datetime=${row.created_at}>${new Date(row.created_at).toLocaleString()}</time></td>
              <td>${row.username}</td>
              <td class="command">${row.command}</td>
              <td>${row.namespace}</td>
              <td>${row.safety_level}</td>
              <td>${row.status}</td>
              <td>${formatDuration(row.duration_ms)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
