// Stands in for next/headers when server actions are called directly from vitest:
// the "request" carries whatever cookies and headers a test sets.
export const requestContext = {
  cookies: new Map<string, string>(),
  headers: new Map<string, string>(),
  reset() {
    this.cookies.clear();
    this.headers.clear();
  },
};

function cookieHeader(): string {
  return [...requestContext.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

export const nextHeadersMock = {
  headers: async () => {
    const h = new Headers([...requestContext.headers]);
    if (requestContext.cookies.size) h.set('cookie', cookieHeader());
    h.set('host', 'localhost:3000');
    h.set('x-forwarded-proto', 'http');
    return h;
  },
  cookies: async () => ({
    get: (name: string) => (requestContext.cookies.has(name) ? { name, value: requestContext.cookies.get(name)! } : undefined),
    getAll: () => [...requestContext.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => requestContext.cookies.has(name),
    set: (name: string, value: string) => void requestContext.cookies.set(name, value),
    delete: (name: string) => void requestContext.cookies.delete(name),
  }),
};

export type ActionOutcome = 'ok' | 'signin' | 'forbidden' | 'notfound';

/** Runs a server action and says what the visitor would get. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<{ outcome: ActionOutcome; result?: unknown; redirect?: string }> {
  try {
    const result = await run();
    return { outcome: 'ok', result };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT')) {
      const url = digest.split(';')[2] ?? '';
      return { outcome: /\/signin(\?|$)/.test(url) ? 'signin' : 'ok', redirect: url };
    }
    if (digest.endsWith(';403')) return { outcome: 'forbidden' };
    if (digest.endsWith(';404')) return { outcome: 'notfound' };
    throw error;
  }
}

// next/server's after() under vitest. Next runs the task once the response is sent; here it
// runs on the next tick, and is remembered so that the file's teardown can wait for it. A
// task still running when the test database is dropped would open a fresh connection to a
// database that no longer exists (an unhandled ECONNRESET that fails the whole run).
const pendingAfterTasks = new Set<Promise<unknown>>();
(globalThis as { __psgDrainAfterTasks?: () => Promise<void> }).__psgDrainAfterTasks = drainAfterTasks;

export function after(task: () => unknown): void {
  const running: Promise<unknown> = Promise.resolve()
    .then(task)
    .finally(() => pendingAfterTasks.delete(running));
  pendingAfterTasks.add(running);
}

/** Waits until every after() task, and any task those started, has settled. */
export async function drainAfterTasks(): Promise<void> {
  while (pendingAfterTasks.size) await Promise.allSettled([...pendingAfterTasks]);
}
