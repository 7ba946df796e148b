// PGlite has no lock of its own; a second process on the same data directory must be refused clearly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseLockedError, openDatabase } from '../../db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'aal-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the PGlite data directory lock', () => {
  it('refuses a second process while the first holds the directory, with a message saying what to do', async () => {
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./db/client.ts').then(async (m) => { await m.openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dir)} }); console.log('open'); setInterval(() => {}, 1000); })`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d) => String(d).includes('open') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const attempt = openDatabase({ kind: 'pglite', dataDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseLockedError);
      await expect(attempt).rejects.toThrow(
        /already in use by another Abtrac Accounts Link process \(pid \d+\).*different DATA_DIR/s,
      );
    } finally {
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill('SIGKILL');
      await exited;
    }
    // Once the holder is gone, even killed without a chance to clean up, the directory opens again at once.
    const reopened = await openDatabase({ kind: 'pglite', dataDir: dir });
    await reopened.close();
  }, 60_000);
});
