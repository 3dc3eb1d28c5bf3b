// Generates custom-elements.json in every package and the core theme stylesheets.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['core', 'chat-session', 'command-preview', 'execution-status', 'history', 'account'];
const cli = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
const config = join(root, 'custom-elements-manifest.config.mjs');

for (const name of PACKAGES) {
  const cwd = join(root, 'packages', name);
  execFileSync(process.execPath, [cli, 'analyze', '--config', config, '--quiet'], { cwd, stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(join(cwd, 'custom-elements.json'), 'utf8'));
  const tags = manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName),
  );
  console.log(`custom-elements.json  @k8s-chat/${name}: ${tags.length ? tags.join(', ') : '(no elements)'}`);
}

// Theme stylesheets from the same token table the elements use.
const { lightTokens, darkTokens, themeDeclarations } = await import(
  join(root, 'packages/core/dist/styles/tokens.js')
);
const themes = join(root, 'packages/core/themes');
mkdirSync(themes, { recursive: true });
for (const [file, values, scheme] of [
  ['light.css', lightTokens, 'light'],
  ['dark.css', darkTokens, 'dark'],
]) {
  const body = `/* k8s-chat ${scheme} theme: generated from @k8s-chat/core tokens by npm run build. */\n:root {\n  color-scheme: ${scheme};\n${themeDeclarations(values)}\n}\n`;
  writeFileSync(join(themes, file), body);
}
console.log('themes: packages/core/themes/light.css, dark.css');
