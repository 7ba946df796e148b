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
import { sameOriginOnly } from './http/csrf.ts';
import { AppError, errorMiddleware } from './http/errors.ts';
import { createRateLimits } from './http/rate-limit.ts';
import { ApiRoutes } from './http/route.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createMailer } from './mail/index.ts';
import { outboxRouter } from './mail/outbox.ts';
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
import { signInRoutes } from './routes/sign-in.ts';
import { teamRoutes } from './routes/team.ts';
import { xeroWebhookRouter } from './routes/webhooks.ts';
import { expressSandbox } from './sandbox/common/express.ts';
import { signInProviders } from './signin/providers.ts';

export function createApp(deps: AppDeps, sessionSecret: string) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  // The sandboxes sign anyone in and show their tokens: never mounted outside demo / SANDBOX=true mode,
  // whatever a caller passes.
  if (deps.config.sandbox) {
    for (const sandbox of deps.sandboxes ?? []) app.use(`/sandbox/${sandbox.name}`, expressSandbox(sandbox));
  }
  const mailer = deps.mail ?? createMailer(deps.config, deps.log);
  // The demo's outbox: only a mailer that keeps mail (demo mode, tests) has one.
  if (mailer.outbox) app.use('/sandbox/mail', outboxRouter(mailer.outbox));
  // Not the web app's page either: outside those modes nothing lives under /sandbox.
  app.use('/sandbox', () => {
    throw new AppError(404, 'no_such_route', 'There are no sandboxes on this server.');
  });

  app.use(securityHeaders(deps.config.publicUrl));
  const limits = createRateLimits(deps.db, deps.config.rateLimitPerMinute);

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
  app.use('/api', sameOriginOnly(deps.config.publicUrl));
  // Everything that signs someone in or starts or finishes an OAuth flow is counted per address.
  // (/api/oauth holds Sign up with Xero and every OAuth callback.)
  app.use(['/api/oauth', '/api/auth', '/api/interfaces/:id/connect'], limits.signIn);

  const publicRouter = express.Router();
  const apiRouter = express.Router();
  const api = new ApiRoutes(apiRouter);
  metaRoutes(api, publicRouter, deps);
  const secureCookies = deps.config.publicUrl.startsWith('https:');
  const sessions = { idleMs: deps.config.sessionIdleMs, now: deps.now, secureCookies };
  signInRoutes(publicRouter, deps, {
    secret: sessionSecret,
    providers: deps.signInProviders ?? signInProviders(deps.config, connections.settings.xero),
    sessions,
  });
  connectionRoutes(api, publicRouter, connections, sessions);
  teamRoutes(api, deps, mailer, sessionSecret);
  officeRoutes(api, deps);
  invoiceSettingRoutes(api, deps);
  interfaceRoutes(api, deps);
  clientRoutes(api, deps);
  jobRoutes(api, deps);
  invoiceRoutes(api, deps);
  listRoutes(api, deps);
  providerRoutes(api, connections.settings);
  referenceRoutes(api, deps);
  mappingRoutes(api, deps);
  batchRoutes(api, deps);
  auditRoutes(api, deps);
  exportRoutes(api, deps);
  billingRoutes(api, deps, deps.now);

  app.use(publicRouter);
  app.use(
    '/api',
    limits.apiKeyFailures(
      authenticate({
        db: deps.db,
        demoPracticeId: deps.demoPracticeId,
        idleMs: deps.config.sessionIdleMs,
        now: deps.now,
      }),
    ),
  );
  // Bodies are read only once the caller is known: an anonymous request never costs a 2 MB parse.
  app.use('/api', express.json({ limit: '2mb' }));
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
