// `npm start` on a port another process holds: it must fail loudly, naming the port, never log "running"
// while nothing listens.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aal-busy-'));
  let holder: Server | undefined;
  afterAll(() => {
    holder?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits with the port named when the port is already in use', async () => {
    holder = createServer();
    const port = await new Promise<number>((resolve) =>
      holder!.listen(0, '127.0.0.1', () => resolve((holder!.address() as { port: number }).port)),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'addon/main.ts'], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        DEMO: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use by another process.`);
    expect(output).not.toContain('is running at');
  }, 240_000);
});
