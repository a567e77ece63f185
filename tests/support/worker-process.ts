import { spawn, type ChildProcess } from 'node:child_process';

/** `npm run worker` as its own process, so a test can kill it like a crash would. */
export function startWorkerProcess(env: Record<string, string | undefined>): ChildProcess {
  // Node itself with tsx's loader, not the tsx wrapper: a kill must reach the real worker.
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/run.ts', 'worker'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d) => process.env.DEBUG_WORKER && process.stderr.write(d));
  child.stdout?.on('data', (d) => process.env.DEBUG_WORKER && process.stdout.write(d));
  return child;
}

export function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}
