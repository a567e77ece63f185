// After `next build`: completes the standalone server (.next/standalone/server.js) with
// what Next leaves out of it by design, the browser files of .next/static (a CDN or nginx
// may serve them instead; here the server does). Run by `npm run build`.
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const standalone = path.join(root, '.next', 'standalone');
if (!fs.existsSync(path.join(standalone, 'server.js'))) {
  console.error('[psg] .next/standalone/server.js is missing: run `next build` first (next.config.ts sets output: standalone).');
  process.exit(1);
}
const target = path.join(standalone, '.next', 'static');
fs.rmSync(target, { recursive: true, force: true });
fs.cpSync(path.join(root, '.next', 'static'), target, { recursive: true });
if (fs.existsSync(path.join(root, 'public'))) fs.cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true });
console.log('[psg] standalone server ready: .next/standalone/server.js');
