// Serves examples/ on its own origin, like a customer's host app next to the KubeChat server:
//   node scripts/serve-examples.mjs [port=8081] [server=http://127.0.0.1:8080]
// Start the KubeChat server with KUBECHAT_ALLOWED_ORIGINS=http://127.0.0.1:<port>. The HTML examples
// name `npm start`'s address (http://127.0.0.1:8080) so they stay paste-able; when another server
// address is given, that address is swapped in while serving (the e2e suite runs the server elsewhere).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_SERVER = 'http://127.0.0.1:8080';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const root = resolve(fileURLToPath(new URL('../examples', import.meta.url)));
const port = Number(process.argv[2] ?? 8081);
const serverUrl = (process.argv[3] ?? DEFAULT_SERVER).replace(/\/$/, '');

createServer(async (req, res) => {
  try {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    let body = await readFile(file);
    if (extname(file) === '.html') body = body.toString('utf8').replaceAll(DEFAULT_SERVER, serverUrl);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () =>
  console.log(`examples on http://127.0.0.1:${port}/ (server ${serverUrl})`),
);
