import net from 'node:net';

/**
 * Polls `check` until it gives something other than false (which is returned), or fails
 * after `timeoutMs` naming `what`. For the fault tests, which watch other processes.
 */
export async function until<T>(check: () => T | false | Promise<T | false>, timeoutMs: number, what: string, everyMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}
