// An exclusive lock on a data directory, held by a process id.
//
// PGlite has no lock of its own, and a heartbeat lock (mtime refreshed on a timer) misfires here: opening
// PGlite runs WASM that can block the event loop for seconds, so the heartbeat goes stale while the holder
// is alive. A PID lock asks the operating system instead: the holder is alive or it is not, so a crashed
// (even SIGKILLed) holder frees the directory at once, and a busy one keeps it.

import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

interface Holder {
  pid: number;
  host: string;
}

export class DirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: Holder,
  ) {
    super(`locked by process ${holder.pid} on ${holder.host}`);
  }
}

function alive(holder: Holder): boolean {
  // On another host we cannot tell; treat it as alive rather than risk two writers.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process nobody has reaped yet (in a container, PID 1 may never reap it) still answers
  // kill(pid, 0) as a zombie; on Linux /proc says so.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${holder.pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws DirLockedError. Returns the release function. */
export function lockDir(lockPath: string): () => void {
  const me: Holder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(lockPath);
    if (holder && alive(holder)) throw new DirLockedError(lockPath, holder);
    // The holder is gone. Move its lock aside atomically: of two processes racing here only one can rename
    // it; if what was moved is not the dead holder's lock after all, put it back.
    const aside = `${lockPath}.${randomBytes(4).toString('hex')}.stale`;
    try {
      renameSync(lockPath, aside);
    } catch {
      continue;
    }
    const moved = readHolder(aside);
    if (moved && holder && moved.pid !== holder.pid && alive(moved)) {
      renameSync(aside, lockPath);
      throw new DirLockedError(lockPath, moved);
    }
    rmSync(aside, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
