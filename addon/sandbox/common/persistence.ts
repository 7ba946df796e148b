// Demo mode keeps each sandbox's state in the data directory, so the demo survives a restart. A real platform
// never forgets a write it acknowledged, so neither does a sandbox: every request that changed the state
// writes it durably (temp file, fsync, rename, fsync of the directory) before its response leaves
// (`flush()`, called by the sandbox's handler; if the write fails the request fails, nothing is acknowledged).
// Changes made outside a request (webhook bookkeeping, call counters of reads) are written by a short
// debounce instead, and a failed debounced write is reported, never thrown: it runs on a timer, where a throw
// would take the whole server down.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

export interface StateFile<T> {
  load(): T | undefined;
  /** Marks the state changed; written by `flush()` or, failing that, within `debounceMs`. */
  save(state: T): void;
  /** Writes the pending state now and durably (returns once it is on disk; throws if it cannot be). */
  flush(): void;
}

function fsyncDirectory(dir: string) {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Replaces `path` with `text` atomically and durably; a missing directory is created first. */
export function writeDurably(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDirectory(dirname(path));
}

export function stateFile<T>(
  path: string,
  debounceMs = 250,
  onError: (err: unknown) => void = (err) =>
    console.warn(`sandbox state could not be saved to ${path}: ${(err as Error).message}`),
): StateFile<T> {
  let pending: T | undefined;
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending === undefined) return;
    // Kept pending until it is on disk, so a failed write is tried again by the next save or flush.
    writeDurably(path, JSON.stringify(pending));
    pending = undefined;
  };
  return {
    load: () => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined),
    save(state) {
      pending = state;
      timer ??= setTimeout(() => {
        try {
          write();
        } catch (err) {
          onError(err);
        }
      }, debounceMs);
      timer.unref?.();
    },
    flush: write,
  };
}
