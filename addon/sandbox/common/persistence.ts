// Demo mode keeps each sandbox's state in the data directory, so the demo survives a restart.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StateFile<T> {
  load(): T | undefined;
  /** Writes atomically (temp file + rename), at most once per `debounceMs`. */
  save(state: T): void;
  flush(): void;
}

export function stateFile<T>(
  path: string,
  debounceMs = 250,
  // A failed save must never take the server down (it runs on a timer, outside any request): say so.
  onError: (err: unknown) => void = (err) =>
    console.warn(`sandbox state could not be saved to ${path}: ${(err as Error).message}`),
): StateFile<T> {
  let pending: T | undefined;
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    timer = undefined;
    if (pending === undefined) return;
    try {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, JSON.stringify(pending), { mode: 0o600 });
      renameSync(tmp, path);
      pending = undefined;
    } catch (err) {
      onError(err);
    }
  };
  return {
    load: () => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined),
    save(state) {
      pending = state;
      timer ??= setTimeout(write, debounceMs);
      timer.unref?.();
    },
    flush() {
      if (timer) clearTimeout(timer);
      write();
    },
  };
}
