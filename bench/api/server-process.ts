// Starts and stops the server child for one database kind.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Seeded } from './routes.ts';
import type { ServerMessage } from './server.ts';

export interface ServerHandle {
  seeded: Seeded;
  stop(): Promise<void>;
}

export async function startServer(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<ServerHandle> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // tests/helpers/databases.ts reads the admin URL from TEST_DATABASE_URL.
    env: databaseUrl ? { ...process.env, TEST_DATABASE_URL: databaseUrl } : process.env,
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => [{ error: `server exited with ${code}` }]),
  ])) as [ServerMessage];
  if ('error' in message) throw new Error(`${kind} server: ${message.error}`);
  return {
    seeded: message.ready,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      // The database drop can hang on a busy PostgreSQL; do not let it hold the benchmark.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
