// A sandbox never forgets what it acknowledged: a sandbox process killed (SIGKILL) right after answering a
// write still has that write when it starts again from its state file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stateFile } from './common/persistence.ts';
import { DEMO_FILE_ID } from './myob/index.ts';
import { makeEnv } from './myob/test-support.ts';
import type { XeroState } from './xero/state.ts';
import { makeSandbox } from './xero/test-support.ts';

const scratch = mkdtempSync(join(tmpdir(), 'aal-sandbox-durable-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const CHILD = fileURLToPath(new URL('./common/durability-child.ts', import.meta.url));

/** Runs the child until it has acknowledged `count` writes, kills it at once, returns what it acknowledged. */
function acknowledgedThenKilled(platform: 'xero' | 'myob', path: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, platform, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('ACK ')) acked.push(line.slice(4));
      if (acked.length >= count && !child.killed) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

describe('a sandbox killed right after acknowledging a write', () => {
  it('Xero: every contact it answered 200 to is there after a restart', async () => {
    const path = join(scratch, 'xero', 'state.json');
    const acked = await acknowledgedThenKilled('xero', path, 8);
    expect(acked.length).toBeGreaterThanOrEqual(8);
    const { sandbox } = makeSandbox({ stateFile: stateFile<XeroState>(path) });
    const ids = sandbox.inspect.contacts(sandbox.tenants.au).map((c) => c.ContactID);
    expect(ids).toEqual(expect.arrayContaining(acked));
  }, 60_000);

  it('MYOB: every invoice it answered 201 to is there after a restart', async () => {
    const path = join(scratch, 'myob', 'state.json');
    const acked = await acknowledgedThenKilled('myob', path, 8);
    expect(acked.length).toBeGreaterThanOrEqual(8);
    const { sandbox } = makeEnv({ stateFile: path });
    const uids = sandbox.inspect.file(DEMO_FILE_ID).invoices.map((i) => i.uid);
    expect(uids).toEqual(expect.arrayContaining(acked));
  }, 60_000);
});

describe('a data directory that does not exist', () => {
  it('is created on start, and the first write lands in it', () => {
    const path = join(scratch, 'not', 'yet', 'there', 'sandbox-xero.json');
    const file = stateFile<{ n: number }>(path);
    file.save({ n: 1 });
    file.flush();
    expect(existsSync(path)).toBe(true);
    expect(stateFile<{ n: number }>(path).load()).toEqual({ n: 1 });
  });
});
