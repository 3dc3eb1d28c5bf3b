// Compile-only: checks that every event name maps to its typed event class (tsc -p tsconfig.test.json).
import type { Execution } from '@k8s-chat/core';
import type { HistoryFilterChangeEvent, HistoryFilters, HistorySelectEvent } from '../src/index.js';
import '../src/define/k8s-command-history.js';

declare const history: HTMLElementTagNameMap['k8s-command-history'];

history.addEventListener('k8s-history-select', (event) => {
  const typed: HistorySelectEvent = event;
  const execution: Execution = event.detail.execution;
  // @ts-expect-error detail is readonly
  event.detail = { execution };
  void typed;
});

history.addEventListener('k8s-history-filter-change', (event) => {
  const typed: HistoryFilterChangeEvent = event;
  const filters: HistoryFilters = event.detail.filters;
  // @ts-expect-error detail is readonly
  event.detail = { filters };
  void typed;
});
