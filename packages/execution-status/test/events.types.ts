// Compile-only: checks that every event name maps to its typed event class (tsc -p tsconfig.test.json).
import type { ExecutionCancelEvent, RollbackRunEvent } from '../src/index.js';

declare const status: HTMLElementTagNameMap['k8s-execution-status'];

status.addEventListener('k8s-execution-cancel', (event) => {
  const typed: ExecutionCancelEvent = event;
  const id: string = event.detail.executionId;
  // @ts-expect-error detail is readonly
  event.detail = { executionId: '' };
  void typed;
  void id;
});
status.addEventListener('k8s-rollback-run', (event) => {
  const typed: RollbackRunEvent = event;
  const planId: string = event.detail.planId;
  void typed;
  void planId;
});
