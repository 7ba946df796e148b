import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useResource } from '../../useResource.ts';

/** The page an invitation link opens: who invited you to what, and a sign-in button per provider. */
export function JoinPage() {
  const [params] = useSearchParams();
  const token = params.get('invitation') ?? '';
  const invitation = useResource(`invitation:${token}`, () => api.auth.invitation(token));
  const options = useResource('sign-in-options', () => api.auth.options());
  const data = invitation.data;
  return (
    <div className="signin">
      <PageHeader
        title={data ? `Join ${data.practiceName}` : 'Join your practice'}
        description={
          data
            ? `You are invited as ${data.role} (for ${data.email}). Sign in to accept: the link works once, until ${new Date(data.expiresAt).toLocaleString()}.`
            : undefined
        }
      />
      <ErrorNotice error={invitation.error} title="This invitation cannot be used." />
      {!data && invitation.loading ? <Loading what="the invitation" /> : null}
      {data && options.data ? (
        <ul className="signin-providers">
          {options.data.providers.map((p) => (
            <li key={p.id}>
              <a className="button button-primary" href={api.auth.signInUrl(p.id, token)}>
                Sign in with {p.name} to join
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
