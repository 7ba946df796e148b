// The signed-in person (GET /api/me), signing out, and what an administrator manages: the practice's
// users (roles, removal, sign out everywhere), invitations and API keys.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { practices, users } from '../../db/schema.ts';
import { IdParams } from '../contract/common.ts';
import {
  ApiKey,
  ApiKeyCreated,
  CreateApiKey,
  CreateInvitation,
  Invitation,
  InvitationCreated,
  Me,
  Member,
  SetRole,
  SignedOut,
} from '../contract/team.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRoutes } from '../http/route.ts';
import { endSession } from '../http/sessions.ts';
import type { Mailer } from '../mail/index.ts';
import { createInvitation, listInvitations, revokeInvitation } from '../team/invitations.ts';
import {
  issueApiKey,
  listApiKeys,
  listMembers,
  removeMember,
  revokeApiKey,
  setMemberRole,
  signMemberOutEverywhere,
} from '../team/members.ts';

export function teamRoutes(api: ApiRoutes, deps: AppDeps, mailer: Mailer, secret: string) {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();
  const secureCookies = deps.config.publicUrl.startsWith('https:');

  api.add(
    {
      method: 'get',
      path: '/api/me',
      role: 'viewer',
      tag: 'Team',
      summary: 'Who is signed in: practice, user, role and how they signed in',
      response: Me,
    },
    async ({ auth }) => {
      const [practice] = await db
        .select({ id: practices.id, name: practices.name })
        .from(practices)
        .where(eq(practices.id, auth.practiceId));
      const [user] = auth.userId
        ? await db
            .select({ id: users.id, name: users.name, email: users.email })
            .from(users)
            .where(eq(users.id, auth.userId))
        : [];
      return { practice: practice!, user: user ?? null, role: auth.role, via: auth.via, actor: auth.actor };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/auth/sign-out',
      role: 'viewer',
      tag: 'Team',
      summary: 'Sign out: ends this browser’s session',
      response: null,
    },
    async ({ req, res }) => {
      await endSession(db, req, res, secureCookies);
      return undefined;
    },
  );

  // ------------------------------------------------------------------ users

  api.add(
    {
      method: 'get',
      path: '/api/users',
      role: 'administrator',
      tag: 'Team',
      summary: 'The practice’s users, their roles and live sessions',
      response: z.array(Member),
    },
    ({ auth }) => listMembers(db, auth.practiceId, now()),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/users/:id',
      role: 'administrator',
      tag: 'Team',
      summary: 'Change a user’s role (a practice keeps at least one administrator)',
      params: IdParams,
      body: SetRole,
      response: Member,
      errors: [404, 409],
    },
    async ({ auth, params, body }) => {
      await setMemberRole(db, auth, params.id, body.role);
      return (await listMembers(db, auth.practiceId, now())).find((m) => m.id === params.id)!;
    },
  );

  api.add(
    {
      method: 'delete',
      path: '/api/users/:id',
      role: 'administrator',
      tag: 'Team',
      summary: 'Remove a user from the practice (signs them out everywhere)',
      params: IdParams,
      response: null,
      errors: [404, 409],
    },
    async ({ auth, params }) => {
      await removeMember(db, auth, params.id);
      return undefined;
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/users/:id/sign-out-everywhere',
      role: 'administrator',
      tag: 'Team',
      summary: 'End every session of a user, on every device',
      params: IdParams,
      response: SignedOut,
      errors: [404],
    },
    async ({ auth, params }) => ({ sessionsEnded: await signMemberOutEverywhere(db, auth, params.id) }),
  );

  // ------------------------------------------------------------------ invitations

  api.add(
    {
      method: 'get',
      path: '/api/invitations',
      role: 'administrator',
      tag: 'Team',
      summary: 'Invitations not yet accepted, revoked or expired',
      response: z.array(Invitation),
    },
    ({ auth }) => listInvitations(db, auth.practiceId, now()),
  );

  api.add(
    {
      method: 'post',
      path: '/api/invitations',
      role: 'administrator',
      tag: 'Team',
      summary: 'Invite a colleague by email with a role; mails a signed, single-use link valid 7 days',
      body: CreateInvitation,
      response: InvitationCreated,
      status: 201,
      errors: [409],
    },
    ({ auth, body }) =>
      createInvitation(db, auth, body, {
        secret,
        publicUrl: deps.config.publicUrl,
        mailer,
        now: now(),
      }),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/invitations/:id',
      role: 'administrator',
      tag: 'Team',
      summary: 'Withdraw an invitation: its link stops working',
      params: IdParams,
      response: null,
      errors: [404],
    },
    async ({ auth, params }) => {
      await revokeInvitation(db, auth, params.id);
      return undefined;
    },
  );

  // ------------------------------------------------------------------ API keys

  api.add(
    {
      method: 'get',
      path: '/api/api-keys',
      role: 'administrator',
      tag: 'Team',
      summary: 'The practice’s API keys (never the keys themselves): name, role, created, last used',
      response: z.array(ApiKey),
    },
    ({ auth }) => listApiKeys(db, auth.practiceId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/api-keys',
      role: 'administrator',
      tag: 'Team',
      summary: 'Create an API key with a role; the key is in this answer only',
      body: CreateApiKey,
      response: ApiKeyCreated,
      status: 201,
    },
    async ({ auth, body, res }) => {
      res.set('cache-control', 'no-store');
      return issueApiKey(db, auth, body);
    },
  );

  api.add(
    {
      method: 'delete',
      path: '/api/api-keys/:id',
      role: 'administrator',
      tag: 'Team',
      summary: 'Revoke an API key: it is refused from the next request on',
      params: IdParams,
      response: null,
      errors: [404],
    },
    async ({ auth, params }) => {
      await revokeApiKey(db, auth, params.id);
      return undefined;
    },
  );
}
