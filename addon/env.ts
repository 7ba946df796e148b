// The only reader of process.env. Everything else receives a Config.
import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where to listen. Demo mode: 127.0.0.1 (it signs in every request); otherwise all interfaces. */
  HOST: optional,
  /** The address people and platforms reach the add-on at; OAuth redirect and webhook URLs derive from it. */
  PUBLIC_URL: optional.pipe(z.url().optional()),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: optional,
  SESSION_SECRET: optional.pipe(
    z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  ),
  TOKEN_ENCRYPTION_KEY: optional.pipe(
    z
      .string()
      .refine(
        (v) => Buffer.from(v, 'base64').length === 32,
        'TOKEN_ENCRYPTION_KEY must be 32 bytes in base64',
      )
      .optional(),
  ),
  DEMO: optional.pipe(z.enum(['true', 'false']).optional()),
  /** Staging: mount the sandboxes (and their sign-in) outside demo mode, saying so in every page and log line. */
  SANDBOX: optional.pipe(z.enum(['true', 'false']).optional()),
  /** How many sign-in / OAuth / API-key attempts one address may make per window (see rate-limit.ts). */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  XERO_CLIENT_ID: optional,
  XERO_CLIENT_SECRET: optional,
  XERO_WEBHOOK_KEY: optional,
  MYOB_API_KEY: optional,
  MYOB_API_SECRET: optional,
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  /** Sign-in providers (OpenID Connect), as a JSON list: see signInProviderSchema below. */
  OIDC_PROVIDERS: optional,
  /** Outgoing mail (invitations): smtp://user:pass@host:587 or smtps://...; unset in demo: the outbox page. */
  SMTP_URL: optional,
  MAIL_FROM: optional,
  /** A session unused for this long ends (signed out); sessions also end 14 days after sign-in. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(20_160).default(480),
});

/** One OpenID Connect sign-in provider the deployment trusts (Microsoft Entra ID, Google, Abtrac's own...). */
const signInProviderSchema = z.object({
  /** Short id used in the callback URL: $PUBLIC_URL/api/auth/callback/<id>. */
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'id: lower-case letters, digits and dashes')
    .refine((v) => v !== 'xero', 'id: "xero" is kept for Sign in with Xero'),
  /** The button text: "Sign in with <name>". */
  name: z.string().min(1).max(60),
  /** The issuer exactly as the provider's discovery document states it (its `iss` claim). */
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});
export type SignInProviderConfig = z.infer<typeof signInProviderSchema>;

export type Env = z.infer<typeof schema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Secrets from the environment; when absent they are generated into the data directory (see secrets.ts). */
  sessionSecret: string | undefined;
  tokenEncryptionKey: string | undefined;
  /** Seed and sign in the demo practice: on unless real credentials are configured or DEMO=false. */
  demo: boolean;
  /**
   * The sandboxes are mounted and stand in for every provider without credentials: always in demo mode,
   * otherwise only with SANDBOX=true (staging). Off: a provider without credentials is "not configured".
   */
  sandbox: boolean;
  /** Which variables were set explicitly, for the production start-up check (production.ts). */
  explicit: { publicUrl: boolean };
  rateLimitPerMinute: number;
  logLevel: Env['LOG_LEVEL'];
  xero: { clientId: string; clientSecret: string; webhookKey: string | undefined } | 'sandbox';
  myob: { apiKey: string; apiSecret: string } | 'sandbox';
  stripe: { secretKey: string; webhookSecret: string | undefined } | undefined;
  /** OpenID Connect sign-in providers from OIDC_PROVIDERS (Sign in with Xero comes from the Xero settings). */
  signInProviders: SignInProviderConfig[];
  /** SMTP for outgoing mail; undefined: the demo outbox (demo mode) or no mail (invitation links shown). */
  smtp: { url: string; from: string } | undefined;
  sessionIdleMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (Boolean(env.XERO_CLIENT_ID) !== Boolean(env.XERO_CLIENT_SECRET)) {
    throw new ConfigError('Set both XERO_CLIENT_ID and XERO_CLIENT_SECRET, or neither (sandbox Xero).');
  }
  if (Boolean(env.MYOB_API_KEY) !== Boolean(env.MYOB_API_SECRET)) {
    throw new ConfigError('Set both MYOB_API_KEY and MYOB_API_SECRET, or neither (sandbox MYOB).');
  }
  const signInProviders = parseSignInProviders(env.OIDC_PROVIDERS);
  const realCredentials = Boolean(env.XERO_CLIENT_ID || env.MYOB_API_KEY || env.DATABASE_URL);
  const demo = env.DEMO ? env.DEMO === 'true' : !realCredentials;
  return {
    port: env.PORT,
    host: env.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    sessionSecret: env.SESSION_SECRET,
    tokenEncryptionKey: env.TOKEN_ENCRYPTION_KEY,
    demo,
    sandbox: demo || env.SANDBOX === 'true',
    explicit: { publicUrl: Boolean(env.PUBLIC_URL) },
    rateLimitPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE,
    logLevel: env.LOG_LEVEL,
    xero: env.XERO_CLIENT_ID
      ? {
          clientId: env.XERO_CLIENT_ID,
          clientSecret: env.XERO_CLIENT_SECRET!,
          webhookKey: env.XERO_WEBHOOK_KEY,
        }
      : 'sandbox',
    myob: env.MYOB_API_KEY ? { apiKey: env.MYOB_API_KEY, apiSecret: env.MYOB_API_SECRET! } : 'sandbox',
    stripe: env.STRIPE_SECRET_KEY
      ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET }
      : undefined,
    signInProviders,
    smtp: env.SMTP_URL
      ? {
          url: env.SMTP_URL,
          from: env.MAIL_FROM ?? `Abtrac Accounts Link <no-reply@${hostOf(env.PUBLIC_URL)}>`,
        }
      : undefined,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
  };
}

function parseSignInProviders(raw: string | undefined): SignInProviderConfig[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('OIDC_PROVIDERS must be a JSON list, e.g. [{"id":"entra","name":"Microsoft",...}]');
  }
  const parsed = z.array(signInProviderSchema).safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  OIDC_PROVIDERS.${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const ids = parsed.data.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new ConfigError(`OIDC_PROVIDERS: the id "${twice}" is used twice`);
  return parsed.data;
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : 'localhost';
  } catch {
    return 'localhost';
  }
}
