// Builds the web app once for the browser tests, only when dist/web is missing or older than its sources.
// Test files run in parallel workers, so the build holds a lock (an atomic mkdir): one worker builds, the
// others wait for it and then find the build fresh. A worker that starts the app while another rebuilds
// would find no dist/web, so waiting matters.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtIndex = join(root, 'dist/web/index.html');
const lockDir = join(root, 'dist/.web-build.lock');
/** A lock older than this was left by a crashed run: a build takes a few seconds. */
const STALE_LOCK_MS = 120_000;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function isFresh(): boolean {
  if (!existsSync(builtIndex)) return false;
  const sources = Math.max(newestMtime(join(root, 'web')), newestMtime(join(root, 'vite.config.ts')));
  return statSync(builtIndex).mtimeMs >= sources;
}

async function acquireLock(): Promise<void> {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      // Waiting on another worker's build, not on time itself.
      else await delay(200);
    }
  }
}

export async function ensureWebBuilt(): Promise<void> {
  if (isFresh()) return;
  await acquireLock();
  try {
    if (isFresh()) return;
    const vite = join(root, 'node_modules/vite/bin/vite.js');
    await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
