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

/**
 * Every exported action of every server-action file ('use server') under app/: an exported
 * async function, or a const (`export const x = formAction(...)`, lib/forms/action.ts); a
 * 'use server' file exports nothing else but types.
 */
export function discoverActions(): string[] {
  return walk(APP)
    .filter((f) => /\.tsx?$/.test(f))
    .flatMap((file) => {
      const source = fs.readFileSync(path.join(APP, file), 'utf8');
      if (!/^\s*['"]use server['"]/.test(source)) return [];
      return [...source.matchAll(/export\s+(?:(?:async\s+)?function|const)\s+(\w+)/g)].map((m) => `${file}#${m[1]}`);
    });
}

/** Every route handler file (route.ts) under app/. */
export function discoverRouteHandlers(): string[] {
  return walk(APP).filter((f) => /(^|\/)route\.ts$/.test(f));
}

const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The HTTP methods a route handler file exports (`export function POST`, `export const { GET, POST } = ...`). */
export function exportedMethods(file: string): string[] {
  const source = fs.readFileSync(path.join(APP, file), 'utf8');
  const named = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)].map((m) => m[1]!);
  const destructured = [...source.matchAll(/export\s+const\s*\{([^}]*)\}/g)].flatMap((m) =>
    m[1]!.split(',').map((s) =>
      s
        .trim()
        .split(/\s*:\s*/)
        .pop()!,
    ),
  );
  const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
    m[1]!.split(',').map((s) =>
      s
        .trim()
        .split(/\s+as\s+/)
        .pop()!,
    ),
  );
  return [...new Set([...named, ...destructured, ...reexported])].filter((name) => /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(name));
}

export function changesState(file: string): boolean {
  return exportedMethods(file).some((m) => (STATE_CHANGING as readonly string[]).includes(m));
}

/**
 * Whether the handler's source calls the shared cross-site guard, itself or through
 * staffFormRoute (lib/http/staff-form-route.ts), which calls it before anything else.
 */
export function callsCrossSiteGuard(file: string): boolean {
  const source = fs.readFileSync(path.join(APP, file), 'utf8');
  if (/from '@\/lib\/http\/staff-form-route'/.test(source) && /\bstaffFormRoute[<(]/.test(source)) return true;
  return /from '@\/lib\/security\/same-origin'/.test(source) && /\brefuseCrossSite\(/.test(source);
}
