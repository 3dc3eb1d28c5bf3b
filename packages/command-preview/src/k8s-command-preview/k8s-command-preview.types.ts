import type { SafetyLevel } from '@k8s-chat/core';

/** Badge text and icon for each level: never colour alone. */
export const LEVEL_LABELS: Readonly<Record<SafetyLevel, { readonly icon: string; readonly text: string }>> = {
  safe: { icon: '✓', text: 'Safe' },
  warning: { icon: '⚠', text: 'Warning' },
  dangerous: { icon: '⛔', text: 'Dangerous' },
};

/** What the main button does at each level. */
export const LEVEL_ACTIONS = {
  safe: 'run',
  warning: 'confirm-and-run',
  dangerous: 'request-approval',
} as const satisfies Record<SafetyLevel, string>;
export type LevelAction = (typeof LEVEL_ACTIONS)[SafetyLevel];

/** Where the preview is in its flow. */
export const PREVIEW_PHASES = ['idle', 'confirming', 'sending', 'editing', 'validating', 'sent'] as const;
export type PreviewPhase = (typeof PREVIEW_PHASES)[number];

/** `14:59`, or `1:02:03` for long spans. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
