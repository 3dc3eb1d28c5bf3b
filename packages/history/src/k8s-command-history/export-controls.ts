import { html, nothing } from 'lit';
import {
  formatString,
  renderErrorNotice,
  strings,
  type ExportProgress,
  type KubeChatError,
} from '@k8s-chat/core';
import { formatBytes } from './format.js';
import { EXPORT_FORMATS, type ExportFormat } from './k8s-command-history.types.js';

export interface ExportControlsView {
  readonly format: ExportFormat;
  readonly progress: ExportProgress | null;
  readonly error: KubeChatError | null;
  /** Rows in the last finished export, announced once. */
  readonly done: number | null;
  readonly disabled: boolean;
  readonly onFormat: (format: ExportFormat) => void;
  readonly onStart: () => void;
  readonly onCancel: () => void;
}

/**
 * Format, Export and, while one runs, a progress bar with rows and bytes and a cancel button. The bar is
 * not a live region (it changes with every chunk); the finish and any failure are announced once.
 */
export function renderExportControls(v: ExportControlsView) {
  const p = v.progress;
  const progressText = p
    ? p.total !== null
      ? formatString('history.export.progress', { rows: p.rows, total: p.total, size: formatBytes(p.bytes) })
      : formatString('history.export.progress-open', { rows: p.rows, size: formatBytes(p.bytes) })
    : '';
  return html`<div part="export">
    <label
      >${strings['history.export.format']}
      <select
        name="format"
        @change=${(e: Event) => v.onFormat((e.target as HTMLSelectElement).value as ExportFormat)}
      >
        ${EXPORT_FORMATS.map(
          (f) => html`<option value=${f} ?selected=${v.format === f}>${f.toUpperCase()}</option>`,
        )}
      </select>
    </label>
    ${
      p
        ? html`<button type="button" name="cancel-export" @click=${v.onCancel}>
              ${strings['history.export.cancel']}
            </button>
            <span part="progress">
              <progress
                aria-label=${strings['history.export.progress-label']}
                aria-valuetext=${progressText}
                max=${p.total || 1}
                .value=${p.total ? Math.min(p.rows, p.total) : 0}
              ></progress>
              ${progressText}
            </span>`
        : html`<button type="button" name="export" ?disabled=${v.disabled} @click=${v.onStart}>
            ${strings['history.export.start']}
          </button>`
    }
    <span class="visually-hidden" role="status"
      >${v.done !== null ? formatString('history.export.done', { rows: v.done }) : ''}</span
    >
    ${
      v.error
        ? html`<div class="export-failure">
            <span>${strings['history.export.failed']}</span>
            ${renderErrorNotice(v.error, { part: 'export-error' })}
          </div>`
        : nothing
    }
  </div>`;
}
