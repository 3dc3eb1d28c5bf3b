import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { darkTokens, lightTokens, type TokenName } from '@k8s-chat/core';
import { manifest } from './manifest.js';

setCustomElementsManifest(manifest);

type Theme = 'light' | 'dark' | 'brand';

// Themes are applied the way a host page would: by setting the public --k8s-* variables.
const asVariables = (values: Record<TokenName, string>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [`--k8s-${name}`, value]));

const THEMES: Record<Theme, Record<string, string>> = {
  light: { ...asVariables(lightTokens), 'color-scheme': 'light' },
  dark: { ...asVariables(darkTokens), 'color-scheme': 'dark' },
  brand: {
    ...asVariables(lightTokens),
    '--k8s-color-accent': '#6f3cc3',
    '--k8s-color-focus': '#6f3cc3',
    '--k8s-radius': '12px',
    '--k8s-font-family': "Georgia, 'Times New Roman', serif",
    'color-scheme': 'light',
  },
};

const withTheme: Decorator = (story, context) => {
  const theme = (context.globals['theme'] as Theme | undefined) ?? 'light';
  const vars = THEMES[theme] ?? THEMES.light;
  return html`<div
    style=${styleMap({
      ...vars,
      background: 'var(--k8s-color-bg)',
      color: 'var(--k8s-color-text)',
      padding: '16px',
    })}
  >
    ${story()}
  </div>`;
};

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Theme of the elements',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'brand', title: 'Custom brand' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
    viewport: {
      options: {
        sidePanel: { name: 'Side panel (360 px)', styles: { width: '360px', height: '720px' } },
        panel: { name: 'Dashboard panel (600 × 400)', styles: { width: '600px', height: '400px' } },
        fullPage: { name: 'Full page (1280 × 800)', styles: { width: '1280px', height: '800px' } },
      },
    },
  },
  tags: ['autodocs'],
};

export default preview;
