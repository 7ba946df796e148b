// createApp(deps): routes and one error middleware; no globals, so tests build as many apps as they like.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookieParser from 'cookie-parser';
import express from 'express';
import { stripeWebhookRouter } from './billing/webhook.ts';
import { systemClock } from './connectors/clock.ts';
import { providerSettings } from './connectors/settings.ts';
import type { AppDeps } from './deps.ts';
import { authenticate } from './http/auth.ts';
import { AppError, errorMiddleware } from './http/errors.ts';
import { ApiRoutes } from './http/route.ts';
import { auditRoutes } from './routes/audit.ts';
import { batchRoutes } from './routes/batches.ts';
import { billingRoutes } from './routes/billing.ts';
import { clientRoutes } from './routes/clients.ts';
import { connectionRoutes } from './routes/connections.ts';
import { exportRoutes } from './routes/exports.ts';
import { interfaceRoutes } from './routes/interfaces.ts';
import { invoiceSettingRoutes } from './routes/invoice-settings.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { jobRoutes } from './routes/jobs.ts';
import { listRoutes } from './routes/lists.ts';
import { mappingRoutes } from './routes/mappings.ts';
import { metaRoutes } from './routes/meta.ts';
import { officeRoutes } from './routes/offices.ts';
import { providerRoutes } from './routes/providers.ts';
import { referenceRoutes } from './routes/reference.ts';
import { xeroWebhookRouter } from './routes/webhooks.ts';
import { expressSandbox } from './sandbox/common/express.ts';

export function createApp(deps: AppDeps, sessionSecret: string) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  for (const sandbox of deps.sandboxes ?? []) app.use(`/sandbox/${sandbox.name}`, expressSandbox(sandbox));

  // Webhooks verify a signature over the raw body, so they come before the JSON parser and sessions.
  app.use(stripeWebhookRouter(deps, deps.now));
  const connections = deps.connections ?? {
    db: deps.db,
    // Without a configured key nothing can be connected for long; tests and tools get a throwaway one.
    tokenKey: randomBytes(32),
    sessionSecret,
    settings: providerSettings(deps.config),
    clock: systemClock,
    log: deps.log,
  };
  app.use(
    xeroWebhookRouter({
      signingKey: connections.settings.xero.webhookKey,
      boss: () => deps.boss,
      log: deps.log,
    }),
  );

  app.use(cookieParser(sessionSecret));
  app.use('/api', express.json({ limit: '2mb' }));

  const publicRouter = express.Router();
  const apiRouter = express.Router();
  const api = new ApiRoutes(apiRouter);
  metaRoutes(api, publicRouter, deps);
  connectionRoutes(api, publicRouter, connections);
  officeRoutes(api, deps);
  invoiceSettingRoutes(api, deps);
  interfaceRoutes(api, deps);
  clientRoutes(api, deps);
  jobRoutes(api, deps);
  invoiceRoutes(api, deps);
  listRoutes(api, deps);
  providerRoutes(api);
  referenceRoutes(api, deps);
  mappingRoutes(api, deps);
  batchRoutes(api, deps);
  auditRoutes(api, deps);
  exportRoutes(api, deps);
  billingRoutes(api, deps, deps.now);

  app.use(publicRouter);
  app.use(
    '/api',
    authenticate({
      db: deps.db,
      demoPracticeId: deps.demoPracticeId,
      secureCookies: deps.config.publicUrl.startsWith('https:'),
    }),
  );
  app.use(apiRouter);
  app.use('/api', () => {
    throw new AppError(404, 'no_such_route', 'There is no such API route.');
  });

  if (deps.webRoot && existsSync(deps.webRoot)) {
    const root = deps.webRoot;
    // `root` is given apart from the file name: the install may sit under a dot-folder (~/.cache/...), and
    // only the part below the root is checked for dot segments.
    app.use(express.static(root, { index: false, maxAge: '1h' }));
    // The web app routes on the client: every other GET gets its page, but a missing file (a name with an
    // extension, such as an old /assets/*.js) is a 404, not the page.
    app.get('/{*splat}', (req, res, next) => {
      if (/\.[a-z0-9]+$/i.test(req.path)) {
        next(new AppError(404, 'not_found', 'There is no such file.'));
        return;
      }
      res.sendFile('index.html', { root }, (err) => {
        if (err)
          next(new AppError(404, 'not_found', 'The web app is not built here (run npm run build:web).'));
      });
    });
  }

  app.use(errorMiddleware(deps.log));
  return { app, api };
}
