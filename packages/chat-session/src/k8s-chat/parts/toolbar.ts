import { html, nothing, type TemplateResult } from 'lit';
import type { ExportFormat, PresenceUser } from '../k8s-chat.types.js';

export interface ToolbarView {
  readonly title: string;
  /** Other people in the session now. */
  readonly others: readonly PresenceUser[];
  readonly searchOpen: boolean;
  /** Only a session's owner may share it. */
  readonly canShare: boolean;
  onSearch(): void;
  onShare(): void;
  onExport(format: ExportFormat): void;
}

/** The bar above the messages: title, who else is here, search, share and export. */
export function renderToolbar(view: ToolbarView): TemplateResult {
  return html`<div part="toolbar">
    <h2 class="title">${view.title}</h2>
    ${
      view.others.length
        ? html`<span part="presence" class="presence"
            >With ${view.others.map((p) => p.username).join(', ')}</span
          >`
        : nothing
    }
    <button
      type="button"
      class="ghost"
      data-action="search"
      aria-expanded=${view.searchOpen ? 'true' : 'false'}
      @click=${() => view.onSearch()}
    >
      Search
    </button>
    ${
      view.canShare
        ? html`<button type="button" class="ghost" data-action="share" @click=${() => view.onShare()}>
            Share
          </button>`
        : nothing
    }
    <button type="button" class="ghost" data-action="export-md" @click=${() => view.onExport('markdown')}>
      Export .md
    </button>
    <button type="button" class="ghost" data-action="export-json" @click=${() => view.onExport('json')}>
      .json
    </button>
  </div>`;
}
