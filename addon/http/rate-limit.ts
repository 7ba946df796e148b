// Rate limits on what an attacker would repeat: signing in / signing up, starting OAuth flows, arriving at
// OAuth callbacks, and presenting API keys that do not exist. Counted per client address in the database
// (the rate_limits table, rate-limiter-flexible's Drizzle store: one atomic upsert per request), so several
// server processes share one budget; on PGlite the same table serves the one process. If the database
// cannot answer, an in-memory limiter with the same budget decides for this process.
// https://github.com/animir/node-rate-limiter-flexible/wiki/Drizzle
import type { RequestHandler } from 'express';
import {
  type RateLimiterAbstract,
  RateLimiterDrizzle,
  RateLimiterMemory,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Db } from '../../db/client.ts';
import { rateLimits } from '../../db/schema.ts';
import { AppError } from './errors.ts';

const WINDOW_SECONDS = 60;

export interface RateLimits {
  /** Sign-in and sign-up starts, OAuth connect starts and OAuth callbacks: each request counts. */
  signIn: RequestHandler;
  /** Wraps the authentication middleware: only requests whose API key is refused count. */
  apiKeyFailures(authenticate: RequestHandler): RequestHandler;
}

function limiter(db: Db, keyPrefix: string, points: number): RateLimiterAbstract {
  const insuranceLimiter = new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS });
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    insuranceLimiter,
  }) as unknown as RateLimiterAbstract;
}

const clientKey = (ip: string | undefined) => ip ?? 'unknown';

function tooMany(res: RateLimiterRes, what: string): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError(
    429,
    'rate_limited',
    `Too many ${what} from this address. Try again in ${seconds} seconds.`,
  );
}

export function createRateLimits(db: Db, perMinute: number): RateLimits {
  const signIn = limiter(db, 'sign_in', perMinute);
  const apiKeys = limiter(db, 'api_key_failures', perMinute);

  return {
    signIn: async (req, res, next) => {
      try {
        await signIn.consume(clientKey(req.ip));
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        res.set('retry-after', String(Math.max(1, Math.ceil(e.msBeforeNext / 1000))));
        throw tooMany(e, 'sign-in attempts');
      }
      next();
    },
    // Only refused keys touch the counter, so a valid key costs nothing extra; past the budget a wrong key
    // is answered 429 instead of 401. (A valid key still works from a blocked address: keys are 192 random
    // bits, so the limit is there to stop the flood, not a guess that cannot succeed.)
    apiKeyFailures: (authenticate) => async (req, res, next) => {
      const bearer = req.get('authorization')?.startsWith('Bearer ') === true;
      try {
        return await authenticate(req, res, next);
      } catch (e) {
        if (!bearer || !(e instanceof AppError) || e.status !== 401) throw e;
        try {
          await apiKeys.consume(clientKey(req.ip));
        } catch (limited) {
          if (!(limited instanceof RateLimiterRes)) throw limited;
          res.set('retry-after', String(Math.max(1, Math.ceil(limited.msBeforeNext / 1000))));
          throw tooMany(limited, 'refused API keys');
        }
        throw e;
      }
    },
  };
}
