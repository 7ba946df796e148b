// Production mode is explicit: outside demo mode (and without SANDBOX=true) the sandboxes, their sign-in
// and their token listing do not exist, a provider without credentials is "not configured" and its routes
// answer 404, nobody is signed in anonymously, and the server refuses to start on an unsafe configuration.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerSettings } from '../../addon/connectors/settings.ts';
import { demoSandboxes } from '../../addon/demo/sandboxes.ts';
import { ensureDemoPractice } from '../../addon/demo/seed.ts';
import { loadConfig } from '../../addon/env.ts';
import { configProblems } from '../../addon/production.ts';
import { stateFile } from '../../addon/sandbox/common/persistence.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces } from '../../db/schema.ts';
import { createApiKey, startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';

const SECRETS = {
  SESSION_SECRET: 'p'.repeat(40),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('production mode, as an attacker finds it', () => {
  let database: Database;
  let app: TestApp;
  let key: string;
  let xeroInterface: string;
  const dir = mkdtempSync(join(tmpdir(), 'aal-prod-'));

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    // A practice exists (the demo seed is the quickest), but nobody is signed in by default.
    const practiceId = await ensureDemoPractice(database.db);
    key = await createApiKey(database.db, practiceId, 'tests');
    const [iface] = await database.db
      .insert(accountsInterfaces)
      .values({ practiceId, provider: 'xero', displayName: 'Xero' })
      .returning();
    xeroInterface = iface!.id;
    const config = loadConfig({
      DEMO: 'false',
      NODE_ENV: 'production',
      DATA_DIR: dir,
      PUBLIC_URL: 'https://link.example.test',
      ...SECRETS,
    });
    // Even handed the sandboxes (as the old start-up did when credentials were missing), the app must not
    // mount them outside demo / SANDBOX=true mode.
    const sandboxes = demoSandboxes(
      { ...config, xero: 'sandbox', myob: 'sandbox' },
      providerSettings({ ...config, sandbox: true }),
    );
    app = await startTestApp(database, { config, sandboxes, demoPracticeId: () => undefined });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the sandbox pages, their controls and their token listing are 404', async () => {
    for (const path of [
      '/sandbox/xero/inspect/state',
      '/sandbox/xero/inspect/faults',
      '/sandbox/xero/identity/connect/authorize?client_id=abtrac-accounts-link-sandbox',
      '/sandbox/myob/inspect/state',
      '/sandbox/xero',
    ]) {
      const res = await fetch(`${app.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).not.toMatch(/refresh_?token/i);
    }
    const reset = await fetch(`${app.url}/sandbox/xero/inspect/reset`, { method: 'POST' });
    expect(reset.status).toBe(404);
  });

  it('Sign up with Xero and the callbacks of an unconfigured provider are 404; nobody is signed in', async () => {
    const signup = await fetch(`${app.url}/api/oauth/xero/signup`, { redirect: 'manual' });
    expect(signup.status).toBe(404);
    expect((await signup.json()).error.code).toBe('provider_not_configured');
    for (const provider of ['xero', 'myob']) {
      const cb = await fetch(`${app.url}/api/oauth/${provider}/callback?code=x&state=y`, {
        redirect: 'manual',
      });
      expect(cb.status).toBe(404);
      expect(cb.headers.getSetCookie()).toEqual([]);
    }
    const anonymous = await fetch(`${app.url}/api/offices`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.getSetCookie()).toEqual([]);
  });

  it('lists unconfigured providers as not configured and refuses to connect them (404)', async () => {
    const providers: { id: string; availability: string }[] = await (
      await app.as(key)('/api/providers')
    ).json();
    expect(providers.find((p) => p.id === 'xero')?.availability).toBe('not_configured');
    expect(providers.find((p) => p.id === 'myob')?.availability).toBe('not_configured');
    expect(providers.find((p) => p.id === 'xero-csv')?.availability).toBe('live');
    const connect = await app.as(key)(`/api/interfaces/${xeroInterface}/connect?format=json`);
    expect(connect.status).toBe(404);
    expect((await connect.json()).error.code).toBe('provider_not_configured');
  });
});

describe('SANDBOX=true (staging) mounts the sandboxes and says so', () => {
  it('lists the providers as sandbox and serves the sandbox pages', async () => {
    const database = await freshDatabase('pglite');
    const dir = mkdtempSync(join(tmpdir(), 'aal-staging-'));
    const config = loadConfig({
      DEMO: 'false',
      SANDBOX: 'true',
      DATA_DIR: dir,
      PUBLIC_URL: 'https://staging.example.test',
      ...SECRETS,
    });
    const practiceId = await ensureDemoPractice(database.db);
    const key = await createApiKey(database.db, practiceId, 'tests');
    const sandboxes = demoSandboxes(config, providerSettings(config));
    const app = await startTestApp(database, { config, sandboxes });
    try {
      const providers: { id: string; availability: string }[] = await (
        await app.as(key)('/api/providers')
      ).json();
      expect(providers.find((p) => p.id === 'xero')?.availability).toBe('sandbox');
      expect((await fetch(`${app.url}/sandbox/xero`)).status).toBe(200);
    } finally {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration checks at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aal-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('outside demo mode names every missing secret, PUBLIC_URL and an unusable DATA_DIR', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const problems = configProblems(loadConfig({ DEMO: 'false', DATA_DIR: join(file, 'data') }));
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'DATA_DIR',
      'PUBLIC_URL',
      'SESSION_SECRET',
      'TOKEN_ENCRYPTION_KEY',
    ]);
    const http = configProblems(
      loadConfig({ DEMO: 'false', DATA_DIR: dir, PUBLIC_URL: 'http://link.example.test', ...SECRETS }),
    );
    expect(http).toEqual([{ variable: 'PUBLIC_URL', problem: expect.stringMatching(/https/) }]);
    expect(
      configProblems(
        loadConfig({ DEMO: 'false', DATA_DIR: dir, PUBLIC_URL: 'https://link.example.test', ...SECRETS }),
      ),
    ).toEqual([]);
  });

  it('the demo needs nothing but a usable DATA_DIR, and listens on 127.0.0.1 unless HOST says otherwise', () => {
    const demo = loadConfig({ DATA_DIR: join(dir, 'does', 'not', 'exist', 'yet') });
    expect(demo.demo).toBe(true);
    expect(configProblems(demo)).toEqual([]);
    expect(demo.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ DEMO: 'false' }).host).toBe('0.0.0.0');
  });

  it('npm start refuses to start outside demo mode without secrets, naming the variables', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'addon/main.ts'], {
      env: { PATH: process.env.PATH, DEMO: 'false', DATA_DIR: dir, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SESSION_SECRET');
    expect(run.stderr).toContain('TOKEN_ENCRYPTION_KEY');
    expect(run.stderr).toContain('PUBLIC_URL');
  }, 70_000);
});

describe('sandbox state in a data directory that does not exist', () => {
  it('is saved once the directory is made, and a failed save is reported, never thrown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aal-state-'));
    try {
      const file = stateFile<{ n: number }>(join(dir, 'missing', 'state.json'), 1);
      file.save({ n: 1 });
      file.flush();
      expect(JSON.parse(readFileSync(join(dir, 'missing', 'state.json'), 'utf8'))).toEqual({ n: 1 });

      writeFileSync(join(dir, 'blocker'), '');
      const errors: unknown[] = [];
      const blocked = stateFile<{ n: number }>(join(dir, 'blocker', 'state.json'), 1, (e) => errors.push(e));
      blocked.save({ n: 2 });
      expect(() => blocked.flush()).not.toThrow();
      blocked.save({ n: 3 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors.length).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
