// Bundle sizes: minified bytes, gzip (level 9) and brotli (quality 11) of every CDN bundle in dist-cdn/
// (one per element and the all-in-one) and of Deep Chat's published single-file bundle, for comparison.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DEEP_CHAT = fileURLToPath(
  new URL('../node_modules/deep-chat/dist/deepChat.bundle.js', import.meta.url),
);

function sizes(name, file) {
  const code = readFileSync(file);
  return {
    bundle: name,
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export function bundleSizes(dir) {
  return [
    ...readdirSync(dir)
      .filter((file) => file.endsWith('.js'))
      .sort()
      .map((file) => sizes(file, join(dir, file))),
    sizes('deep-chat (deepChat.bundle.js)', DEEP_CHAT),
  ];
}
