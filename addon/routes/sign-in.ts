// Signing people in (browser redirects on the public router, before authentication): the sign-in page's
// choices, an invitation's preview for the join page, the start of a sign-in at a provider, and its
// callback, which verifies the id_token, accepts an invitation if one is being used, and starts a session.
// Failures go back to the sign-in page with a code the page explains.
import { and, eq } from 'drizzle-orm';
import type { Request, Response, Router } from 'express';
import { users } from '../../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { recordAudit } from '../domain/audit.ts';
import { AppError } from '../http/errors.ts';
import { type SessionOptions, startSession } from '../http/sessions.ts';
import {
  SIGNIN_COOKIE,
  SIGNIN_COOKIE_PATH,
  SIGNIN_TTL_MS,
  type SignInClient,
  type SignInCookie,
  SignInError,
  signInClient,
} from '../signin/flow.ts';
import { callbackPath, type SignInProvider } from '../signin/providers.ts';
import { acceptInvitation, describeInvitation, InvitationError } from '../team/invitations.ts';

export const SIGN_IN_PAGE = '/sign-in';

export function signInRoutes(
  publicRouter: Router,
  deps: AppDeps,
  options: { secret: string; providers: SignInProvider[]; sessions: SessionOptions },
) {
  const { db, log } = deps;
  const now = () => deps.now?.() ?? new Date();
  const { secret, sessions } = options;
  const clients = new Map<string, SignInClient>(
    options.providers.map((p) => [
      p.id,
      signInClient(p, (id) => `${deps.config.publicUrl}${callbackPath(id)}`),
    ]),
  );
  const clientFor = (id: string) => {
    const found = clients.get(id);
    if (!found) throw new AppError(404, 'no_such_provider', 'There is no such sign-in provider here.');
    return found;
  };
  const cookieOptions = {
    signed: true,
    httpOnly: true,
    // Lax: the provider's top-level GET redirect back to the callback carries it; nothing else does.
    sameSite: 'lax' as const,
    secure: sessions.secureCookies,
    path: SIGNIN_COOKIE_PATH,
  };
  const backToSignIn = (res: Response, code: string) =>
    res.redirect(302, `${SIGN_IN_PAGE}?error=${encodeURIComponent(code)}`);

  publicRouter.get('/api/auth/options', (_req, res) => {
    res.json({
      providers: options.providers.map((p) => ({ id: p.id, name: p.name })),
      demo: Boolean(deps.demoPracticeId?.()),
    });
  });

  publicRouter.get('/api/auth/invitations/:token', async (req, res) => {
    res.set('cache-control', 'no-store');
    res.json(await describeInvitation(db, secret, String(req.params.token).slice(0, 500), now()));
  });

  publicRouter.get('/api/auth/sign-in/:provider', async (req: Request, res: Response) => {
    const client = clientFor(String(req.params.provider));
    const invitation =
      typeof req.query.invitation === 'string' ? req.query.invitation.slice(0, 500) : undefined;
    try {
      // A dead invitation is refused before the detour through the provider.
      if (invitation) await describeInvitation(db, secret, invitation, now());
      const { url, cookie } = await client.start(invitation, now().getTime());
      res.cookie(SIGNIN_COOKIE, JSON.stringify(cookie), { ...cookieOptions, maxAge: SIGNIN_TTL_MS });
      res.set('cache-control', 'no-store');
      res.redirect(302, url.href);
    } catch (e) {
      if (e instanceof InvitationError || e instanceof SignInError) return backToSignIn(res, e.code);
      throw e;
    }
  });

  publicRouter.get('/api/auth/callback/:provider', async (req: Request, res: Response) => {
    // The URL carries a code: never cache it, never pass it on in a Referer.
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    const client = clientFor(String(req.params.provider));
    const started = readCookie(req.signedCookies?.[SIGNIN_COOKIE]);
    res.clearCookie(SIGNIN_COOKIE, cookieOptions);
    if (!started || started.p !== client.provider.id || started.exp <= now().getTime()) {
      // Not started in this browser, or too long ago: a callback on its own signs nobody in.
      return backToSignIn(res, 'sign_in_expired');
    }
    const callbackUrl = new URL(`${deps.config.publicUrl}${callbackPath(client.provider.id)}`);
    callbackUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
    try {
      const identity = await client.finish(callbackUrl, started);
      let who: { practiceId: string; userId: string } | undefined;
      if (started.inv) {
        who = await acceptInvitation(db, secret, started.inv, identity, now());
      } else {
        const [user] = await db
          .select({ practiceId: users.practiceId, userId: users.id })
          .from(users)
          .where(and(eq(users.issuer, identity.issuer), eq(users.subject, identity.subject)));
        who = user;
      }
      if (!who) return backToSignIn(res, 'no_account');
      await startSession(db, req, res, who, sessions);
      await recordAudit(
        db,
        { practiceId: who.practiceId, actor: identity.email ?? identity.subject },
        {
          action: 'user.signed_in',
          entity: 'user',
          entityId: who.userId,
          newValue: { provider: client.provider.id },
        },
      );
      res.redirect(302, '/');
    } catch (e) {
      if (e instanceof InvitationError || e instanceof SignInError) {
        log.warn(
          { provider: client.provider.id, code: e.code, cause: (e.cause as Error)?.message },
          'sign-in refused',
        );
        return backToSignIn(res, e.code);
      }
      throw e;
    }
  });
}

function readCookie(value: unknown): SignInCookie | undefined {
  // cookie-parser sets a tampered signed cookie to false.
  if (typeof value !== 'string') return undefined;
  try {
    const c = JSON.parse(value) as SignInCookie;
    return typeof c.p === 'string' &&
      typeof c.state === 'string' &&
      typeof c.nonce === 'string' &&
      typeof c.verifier === 'string' &&
      typeof c.exp === 'number'
      ? c
      : undefined;
  } catch {
    return undefined;
  }
}
