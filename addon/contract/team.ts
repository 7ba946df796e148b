// Who is signed in, the practice's people, invitations and API keys; and the sign-in page's choices.
import { z } from 'zod';
import { ROLES } from '../../db/schema.ts';

export const RoleSchema = z.enum(ROLES, { error: 'must be administrator, biller or viewer' });

const Text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const Me = z
  .object({
    practice: z.object({ id: z.uuid(), name: z.string() }),
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
    role: RoleSchema,
    /** session: a person signed in (can sign out); api-key: a machine client; demo: the demo's administrator. */
    via: z.enum(['session', 'api-key', 'demo']),
    actor: z.string(),
  })
  .meta({ id: 'Me' });

export const Member = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    /** The issuer of the identity this person signs in with; null until their first sign-in. */
    signsInWith: z.string().nullable(),
    lastSignedInAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    activeSessions: z.number().int(),
  })
  .meta({ id: 'Member' });

export const SetRole = z.object({ role: RoleSchema });

export const SignedOut = z.object({ sessionsEnded: z.number().int() });

export const CreateInvitation = z.object({
  email: z.email({ error: 'must be an email address' }).max(254),
  role: RoleSchema,
});

export const Invitation = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    invitedBy: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });

export const InvitationCreated = z.object({
  invitation: Invitation,
  /** The link also mailed to the colleague; shown to the administrator in case mail is not configured. */
  link: z.string(),
  /** Whether the mail went out (false: no SMTP_URL; give the link by hand). */
  mailed: z.boolean(),
});

export const InvitationPreview = z.object({
  practiceName: z.string(),
  email: z.string(),
  role: RoleSchema,
  expiresAt: z.iso.datetime(),
});

export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: RoleSchema,
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const CreateApiKey = z.object({ name: Text(80), role: RoleSchema });

export const ApiKeyCreated = z.object({
  /** The key itself: shown this once, never again (only its hash is kept). */
  key: z.string(),
  apiKey: ApiKey,
});

export const SignInOptions = z.object({
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Demo mode: requests without a session act as the demo administrator. */
  demo: z.boolean(),
});
