import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Design tokens. A host page themes every element by setting the public `--k8s-*` variables (or by loading
 * `@k8s-chat/core/themes/light.css` / `dark.css`); elements read the private `--_k8s-*` copies, which fall
 * back to these defaults. Defaults follow `prefers-color-scheme` unless an element has `theme="light"` or
 * `theme="dark"`.
 */
export const lightTokens = {
  'color-bg': '#ffffff',
  'color-surface': '#f6f8fa',
  'color-surface-raised': '#ffffff',
  'color-text': '#1f2328',
  'color-text-muted': '#59636e',
  'color-border': '#d1d9e0',
  'color-accent': '#0969da',
  'color-on-accent': '#ffffff',
  'color-focus': '#0969da',
  'color-safe': '#1a7f37',
  'color-safe-surface': '#dafbe1',
  'color-warning': '#9a6700',
  'color-warning-surface': '#fff8c5',
  'color-danger': '#cf222e',
  'color-danger-surface': '#ffebe9',
  'color-code-bg': '#f6f8fa',
  'font-family': "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  'font-mono': "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  'font-size': '14px',
  radius: '6px',
  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
} as const;

export type TokenName = keyof typeof lightTokens;

export const darkTokens: Record<TokenName, string> = {
  ...lightTokens,
  'color-bg': '#0d1117',
  'color-surface': '#161b22',
  'color-surface-raised': '#1f242c',
  'color-text': '#e6edf3',
  'color-text-muted': '#9198a1',
  'color-border': '#3d444d',
  'color-accent': '#4493f8',
  'color-on-accent': '#0d1117',
  'color-focus': '#4493f8',
  'color-safe': '#3fb950',
  'color-safe-surface': '#12261e',
  'color-warning': '#d29922',
  'color-warning-surface': '#272115',
  'color-danger': '#f85149',
  'color-danger-surface': '#2d1315',
  'color-code-bg': '#161b22',
};

/** `--_k8s-x: var(--k8s-x, default);` for every token. */
function privateCopies(values: Record<TokenName, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `--_k8s-${name}: var(--k8s-${name}, ${value});`)
    .join('\n');
}

/** `--k8s-x: value;` for every token: the body of a theme stylesheet. */
export function themeDeclarations(values: Record<TokenName, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `  --k8s-${name}: ${value};`)
    .join('\n');
}

/** Include in every element's `styles`; resolves the private token copies for light, dark and auto. */
export const tokens: CSSResult = css`
  :host {
    color-scheme: light;
    ${unsafeCSS(privateCopies(lightTokens))}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      color-scheme: dark;
      ${unsafeCSS(privateCopies(darkTokens))}
    }
  }
  :host([theme='dark']) {
    color-scheme: dark;
    ${unsafeCSS(privateCopies(darkTokens))}
  }
`;
