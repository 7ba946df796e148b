// Users & keys: the practice's people (role, sign out everywhere, remove), invitations, and API keys.
import { useState } from 'react';
import { type ApiKeyCreatedData, api, type InvitationCreatedData, type Role } from '../../api.ts';
import { Empty, ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useResource } from '../../useResource.ts';
import { useSubmit } from '../../useSubmit.ts';

const ROLES: { value: Role; label: string }[] = [
  { value: 'administrator', label: 'Administrator' },
  { value: 'biller', label: 'Biller' },
  { value: 'viewer', label: 'Viewer' },
];

const ROLE_HELP =
  'Administrators manage connections, mappings, settings, billing, users and API keys; billers make batches, preview, upload and export; viewers read.';

async function loadTeam() {
  const [users, invitations, keys] = await Promise.all([
    api.team.users(),
    api.team.invitations(),
    api.team.apiKeys(),
  ]);
  return { users, invitations, keys };
}

function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange: (r: Role) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r.value} value={r.value}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

export function TeamPage() {
  const { data, error, loading, reload } = useResource('team', loadTeam);
  const { me } = useSession();
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<Error>();

  const act = async (what: () => Promise<unknown>, done: string) => {
    setActionError(undefined);
    try {
      await what();
      setNotice(done);
      reload();
    } catch (e) {
      setActionError(e as Error);
    }
  };

  return (
    <>
      <PageHeader title="Users & keys" description={ROLE_HELP} />
      <SuccessNotice>{notice}</SuccessNotice>
      {actionError ? (
        <div className="notice notice-error" role="alert">
          {actionError.message}
        </div>
      ) : null}
      <ErrorNotice error={error} title="The users could not be loaded." />
      {!data && loading ? <Loading what="users" /> : null}

      <section className="panel" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        {data ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last signed in</th>
                  <th scope="col">Sessions</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    <td>{u.email}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                        Role of {u.name}
                      </label>
                      <RoleSelect
                        id={`role-${u.id}`}
                        value={u.role}
                        onChange={(role) =>
                          act(() => api.team.setRole(u.id, role), `${u.name} is now ${role}.`)
                        }
                      />
                    </td>
                    <td>{u.lastSignedInAt ? formatDateTime(u.lastSignedInAt) : 'Never'}</td>
                    <td>{u.activeSessions}</td>
                    <td className="button-row">
                      <button
                        type="button"
                        className="button"
                        onClick={() =>
                          act(() => api.team.signOutEverywhere(u.id), `${u.name} was signed out everywhere.`)
                        }
                      >
                        Sign out everywhere
                      </button>
                      {u.id !== me?.user?.id ? (
                        <button
                          type="button"
                          className="button"
                          onClick={() => {
                            if (window.confirm(`Remove ${u.name} from the practice?`)) {
                              void act(() => api.team.remove(u.id), `${u.name} was removed.`);
                            }
                          }}
                        >
                          Remove
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite a colleague</h2>
        <InviteForm onInvited={reload} />
        {data && data.invitations.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption>Invitations waiting to be accepted</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Invited by</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.invitations.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.email}</th>
                    <td>{i.role}</td>
                    <td>{i.invitedBy}</td>
                    <td>{formatDateTime(i.expiresAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        onClick={() =>
                          act(() => api.team.withdraw(i.id), `The invitation to ${i.email} was withdrawn.`)
                        }
                      >
                        Withdraw
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys</h2>
        <p>
          Machine clients send a key as <code>Authorization: Bearer &lt;key&gt;</code>; each key acts with its
          role.
        </p>
        <ApiKeyForm onCreated={reload} />
        {data && data.keys.length === 0 ? <Empty>No API keys yet.</Empty> : null}
        {data && data.keys.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.keys.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>{k.role}</td>
                    <td>
                      {formatDateTime(k.createdAt)}
                      {k.createdBy ? ` by ${k.createdBy}` : ''}
                    </td>
                    <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          if (window.confirm(`Revoke the key ${k.name}? Clients using it stop working.`)) {
                            void act(() => api.team.revokeApiKey(k.id), `The key ${k.name} was revoked.`);
                          }
                        }}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('biller');
  const [sent, setSent] = useState<InvitationCreatedData>();
  const { submit, busy, error, fieldErrors } = useSubmit(
    () => api.team.invite(email, role),
    (result) => {
      setSent(result);
      setEmail('');
      onInvited();
    },
  );
  return (
    <>
      <form className="form-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="invite-email">Colleague’s email</label>
          <input
            id="invite-email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Invite as</label>
          <RoleSelect id="invite-role" value={role} onChange={setRole} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Send invitation
        </button>
      </form>
      <ErrorNotice error={error} />
      {sent ? (
        <div className="notice notice-success" role="status">
          {sent.mailed
            ? `Invitation sent to ${sent.invitation.email}. `
            : `Mail is not configured: give ${sent.invitation.email} this link yourself. `}
          The link works once, for 7 days: <code className="invite-link">{sent.link}</code>
        </div>
      ) : null}
    </>
  );
}

function ApiKeyForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<ApiKeyCreatedData>();
  const { submit, busy, error, fieldErrors } = useSubmit(
    () => api.team.createApiKey(name, role),
    (result) => {
      setCreated(result);
      setName('');
      onCreated();
    },
  );
  return (
    <>
      <form className="form-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="key-name">Key name</label>
          <input
            id="key-name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={fieldErrors.name ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="key-role">Key role</label>
          <RoleSelect id="key-role" value={role} onChange={setRole} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Create key
        </button>
      </form>
      <ErrorNotice error={error} />
      {created ? (
        <div className="notice notice-success" role="status">
          Copy the key {created.apiKey.name} now: it is shown this once.{' '}
          <code className="api-key">{created.key}</code>
        </div>
      ) : null}
    </>
  );
}
