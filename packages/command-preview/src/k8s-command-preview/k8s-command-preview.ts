import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { K8sElement, SAFETY_LEVELS, type SafetyLevel } from '@k8s-chat/core';
import { commandPreviewStyles } from './k8s-command-preview.styles.js';

const LEVEL_LABEL: Record<SafetyLevel, { icon: string; text: string }> = {
  safe: { icon: '✓', text: 'Safe' },
  warning: { icon: '⚠', text: 'Warning' },
  dangerous: { icon: '⛔', text: 'Dangerous' },
};

/**
 * Shows the exact kubectl command that would run, with its safety level and the server's explanation.
 *
 * @customElement k8s-command-preview
 * @tag k8s-command-preview
 * @csspart base - The frame around the preview.
 * @csspart command - The command text.
 * @csspart badge - The safety level badge (text and icon, never colour alone).
 * @csspart explanation - The explanation of what the command does.
 * @cssprop --k8s-command-preview-bg - Background of the preview.
 * @cssprop --k8s-command-preview-border - Border colour of the preview.
 * @since 0.1.0
 */
export class K8sCommandPreview extends K8sElement {
  static override styles = [K8sElement.styles, commandPreviewStyles];

  /** The command exactly as it will run. Rendered as text, never as HTML. */
  @property() command = '';

  /** The server's safety level for the command; anything unknown is shown as dangerous. */
  @property({ attribute: 'safety-level', reflect: true }) safetyLevel: SafetyLevel = 'dangerous';

  /** What the command does, in plain words. */
  @property() explanation = '';

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  override willUpdate(): void {
    // Never trust an unexpected level: treat it as the most dangerous one.
    if (!SAFETY_LEVELS.includes(this.safetyLevel)) this.safetyLevel = 'dangerous';
  }

  override render() {
    const label = LEVEL_LABEL[this.safetyLevel];
    return html`<section part="base" aria-label="Command preview">
      <span part="badge"><span aria-hidden="true">${label.icon}</span> ${label.text}</span>
      <pre part="command"><code>${this.command}</code></pre>
      ${this.explanation ? html`<p part="explanation">${this.explanation}</p>` : nothing}
    </section>`;
  }
}
