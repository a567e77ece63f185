import fs from 'node:fs';
import path from 'node:path';

const APP = path.join(process.cwd(), 'app');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [path.relative(APP, full).split(path.sep).join('/')];
  });
}

/** Every page and route handler file under app/. */
export function discoverRoutes(): string[] {
  return walk(APP).filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f));
}

/** Every exported function of every server-action file ('use server') under app/. */
export function discoverActions(): string[] {
  return walk(APP)
    .filter((f) => /\.tsx?$/.test(f))
    .flatMap((file) => {
      const source = fs.readFileSync(path.join(APP, file), 'utf8');
      if (!/^\s*['"]use server['"]/.test(source)) return [];
      return [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => `${file}#${m[1]}`);
    });
}
