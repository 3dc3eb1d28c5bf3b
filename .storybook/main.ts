import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../packages/*/stories/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Stories run against the packages' TypeScript sources, like the component tests.
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ['@k8s-chat/source', ...defaultClientConditions];
    // Storybook's own manager and preview chunks are large by nature; the library bundles are measured
    // separately (npm run bench).
    viteConfig.build = { ...viteConfig.build, chunkSizeWarningLimit: 2000 };
    return viteConfig;
  },
};
export default config;
