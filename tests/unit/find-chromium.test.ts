import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../support/chromium';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
const file = (name: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, '');
  return p;
};

describe('npm test finds a browser by itself', () => {
  it('takes CHROMIUM_PATH first, and refuses one that is not there', () => {
    const mine = file('mine');
    expect(findChromium({ configured: mine, system: [file('system')] })).toBe(mine);
    expect(findChromium({ configured: path.join(dir, 'missing'), system: [file('system2')] })).toBeNull();
  });

  it("then the system's Chromium, then Playwright's own cache", () => {
    const system = file('chromium');
    const playwright = file('playwright-chrome');
    expect(findChromium({ configured: undefined, system: [path.join(dir, 'none'), system], playwright })).toBe(system);
    expect(findChromium({ configured: undefined, system: [path.join(dir, 'none')], playwright })).toBe(playwright);
    expect(findChromium({ configured: undefined, system: [], playwright: path.join(dir, 'not-installed') })).toBeNull();
  });
});
