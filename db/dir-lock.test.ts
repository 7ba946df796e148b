import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirLockedError, lockDir } from './dir-lock.ts';

const lockIn = () => join(mkdtempSync(join(tmpdir(), 'aal-dirlock-')), 'in-use.lock');

describe('the data directory lock', () => {
  it('refuses a second holder while the first is alive, and frees the directory on release', () => {
    const path = lockIn();
    const release = lockDir(path);
    expect(() => lockDir(path)).toThrow(DirLockedError);
    release();
    lockDir(path)();
  });

  it('takes over the lock of a process that no longer exists', () => {
    const path = lockIn();
    writeFileSync(path, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    const release = lockDir(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('leaves alone a lock held from another machine', () => {
    const path = lockIn();
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'another-host' }));
    expect(() => lockDir(path)).toThrow(/process 1 on another-host/);
  });
});
