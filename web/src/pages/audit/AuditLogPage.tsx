import { useState } from 'react';
import { api } from '../../api.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { useResource } from '../../useResource.ts';

const ENTITIES = [
  ['', 'Everything'],
  ['mapping', 'Mappings'],
  ['interface', 'Accounts interfaces'],
  ['connection', 'Connections'],
  ['billing', 'Billing'],
  ['user', 'Users and sign-ins'],
  ['invitation', 'Invitations'],
  ['api_key', 'API keys'],
] as const;

/** "mapping.added" -> "Mapping added" */
function actionText(action: string) {
  return humanize(action.replace('.', ' '));
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== null && v !== undefined,
  );
  if (!entries.length) return '—';
  return entries
    .map(
      ([k, v]) =>
        `${humanize(k.replace(/([a-z])([A-Z])/g, '$1 $2')).toLowerCase()}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
    )
    .join(', ');
}

export function AuditLogPage() {
  const [entity, setEntity] = useState('');
  const { data, error, loading } = useResource(`audit:${entity}`, () =>
    api.audit.list({ entity: entity || undefined, limit: 200 }),
  );
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to settings, newest first: who, when, and the value before and after."
      />
      <div className="form-row filters panel">
        <div className="field">
          <label htmlFor="audit-entity">Show</label>
          <select id="audit-entity" value={entity} onChange={(e) => setEntity(e.target.value)}>
            {ENTITIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNotice error={error} title="The audit log could not be loaded." />
      {!data && loading ? <Loading what="the audit log" /> : null}
      {data && data.length === 0 ? <Empty>No changes recorded yet.</Empty> : null}
      {data && data.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Before → after</th>
              </tr>
            </thead>
            <tbody>
              {data.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{formatDateTime(a.at)}</td>
                  <td>{a.actor}</td>
                  <td>
                    {actionText(a.action)}
                    <span className="block muted code">{a.entityId}</span>
                  </td>
                  <td>
                    <span className="old-value">{valueText(a.oldValue)}</span> →{' '}
                    <span className="new-value">{valueText(a.newValue)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
