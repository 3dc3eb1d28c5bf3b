// Compile-only: checks that every event name maps to its typed event class (tsc -p tsconfig.test.json).
import type {
  CommandApproveEvent,
  CommandDecisionDetail,
  CommandRejectEvent,
  CommandRunDetail,
  CommandRunEvent,
} from '../src/index.js';

declare const preview: HTMLElementTagNameMap['k8s-command-preview'];
declare const queue: HTMLElementTagNameMap['k8s-approval-queue'];

preview.addEventListener('k8s-command-run', (event) => {
  const typed: CommandRunEvent = event;
  const detail: CommandRunDetail = event.detail;
  // @ts-expect-error detail is readonly
  event.detail = detail;
  void typed;
});
queue.addEventListener('k8s-command-approve', (event) => {
  const typed: CommandApproveEvent = event;
  const detail: CommandDecisionDetail = event.detail;
  void typed;
  void detail;
});
queue.addEventListener('k8s-command-reject', (event) => {
  const typed: CommandRejectEvent = event;
  void typed;
});
