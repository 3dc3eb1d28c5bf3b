import { LitElement, css, type CSSResultGroup } from 'lit';
import { VERSION } from '../version.js';
import { tokens } from '../styles/tokens.js';

/**
 * The thin base every k8s-chat element extends: shared host styles and a version stamp, nothing else.
 * Behaviour lives in reactive controllers so elements stay composable and easy to type.
 */
export class K8sElement extends LitElement {
  /** The `@k8s-chat/core` version this element was built with. */
  static readonly version: string = VERSION;

  static override styles: CSSResultGroup = [
    tokens,
    css`
      :host {
        display: block;
        box-sizing: border-box;
        font-family: var(--_k8s-font-family);
        font-size: var(--_k8s-font-size);
        color: var(--_k8s-color-text);
      }
      :host([hidden]) {
        display: none !important;
      }
      .visually-hidden {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      *,
      *::before,
      *::after {
        box-sizing: inherit;
      }
    `,
  ];
}
