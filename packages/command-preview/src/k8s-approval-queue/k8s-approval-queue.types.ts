/** What one row of the queue is doing. */
export const QUEUE_ROW_MODES = ['idle', 'rejecting', 'step-up', 'sending'] as const;
export type QueueRowMode = (typeof QUEUE_ROW_MODES)[number];
