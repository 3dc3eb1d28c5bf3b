import type { Execution } from '@k8s-chat/core';
import type { HistoryFilters } from './k8s-command-history.types.js';

/**
 * A reader opened an execution (click or Enter on a row). Bubbles and is composed; cancelable, and
 * cancelling it keeps the built-in details dialog closed.
 */
export class HistorySelectEvent extends Event {
  static readonly eventName = 'k8s-history-select' as const;
  readonly detail: { readonly execution: Execution };

  constructor(execution: Execution) {
    super(HistorySelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = { execution };
  }
}

/** A reader changed a filter or the sort order. Bubbles and is composed. */
export class HistoryFilterChangeEvent extends Event {
  static readonly eventName = 'k8s-history-filter-change' as const;
  readonly detail: { readonly filters: HistoryFilters };

  constructor(filters: HistoryFilters) {
    super(HistoryFilterChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = { filters };
  }
}

declare global {
  interface HTMLElementEventMap {
    'k8s-history-select': HistorySelectEvent;
    'k8s-history-filter-change': HistoryFilterChangeEvent;
  }
}
