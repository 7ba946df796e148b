// The connection to Xero or MYOB: which organisation (or company file), its status, who connected it and
// when, the scopes granted, when the platform was last asked, and the buttons to connect, reconnect, move
// and disconnect. Xero's branding rules: its "Connect to Xero" button and the words "Disconnect from Xero".
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  type AccountsInterface,
  type ApiError,
  api,
  type CheckedConnection,
  type ConnectionStatus,
  toApiError,
} from '../../api.ts';
import { ErrorNotice } from '../../components/Notices.tsx';
import { PlatformButton } from '../../components/PlatformButton.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate, formatDateTime } from '../../format.ts';

/** The platform's short name for buttons: "Connect to Xero", "Connect to MYOB". */
export function platformName(provider: string, providerName: string) {
  if (provider === 'xero') return 'Xero';
  if (provider === 'myob') return 'MYOB';
  return providerName;
}

/** What a failed connection (`?error=<code>` on the way back) means, and what to do. */
const CONNECT_ERRORS: Record<string, string> = {
  access_denied: 'The connection was cancelled, so nothing changed. Choose Connect again when you are ready.',
  state_invalid: 'The connection could not be finished because the sign-in link was not valid. Start again.',
  state_expired: 'The sign-in took too long and timed out. Start again.',
  attempt_unknown: 'This sign-in was not started here. Start again from this page.',
  attempt_used: 'This sign-in was already used. Start again from this page.',
  verifier_missing: 'The sign-in could not be checked. Start again in the same browser window.',
  browser_mismatch:
    'The sign-in finished in a different browser from the one that started it. Start again here.',
  wrong_practice:
    'The sign-in belongs to a different practice. Sign in to the right practice and start again.',
  organisation_mismatch:
    'You chose a different organisation from the one this interface posts to, so nothing changed (the other organisation was disconnected again in the accounting software). Choose Reconnect and pick the same organisation, or choose Connect a different organisation if this interface should really move.',
  organisation_in_use:
    'That organisation is already connected to another accounts interface, and an organisation can serve only one. Link your invoice settings to that interface instead (Invoice settings), or disconnect it first and then connect this one.',
  no_organisation: 'No organisation was approved. Connect again and tick the organisation to use.',
  myob_admin_required:
    'Only a MYOB Administrator can approve this connection. Ask an Administrator of the company file to connect.',
  exchange_failed: 'The accounting software did not complete the sign-in. Try again in a few minutes.',
  provider_error: 'The accounting software reported a problem. Try again in a few minutes.',
};

export function connectErrorMessage(code: string) {
  return CONNECT_ERRORS[code] ?? `The connection did not complete (${code.replace(/_/g, ' ')}). Try again.`;
}

interface Props {
  item: AccountsInterface;
  /** null when this server has no connection endpoint yet: the interface's own status is shown. */
  connection: CheckedConnection | ConnectionStatus | null;
  onChanged: () => void;
}

export function ConnectionCard({ item, connection, onChanged }: Props) {
  const platform = platformName(item.provider, item.providerName);
  const status = connection?.status ?? item.status;
  const tenantName = connection?.tenantName ?? item.tenantName;
  const isMyob = item.provider === 'myob';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [confirming, setConfirming] = useState(false);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  async function connect(changeOrganisation = false) {
    setBusy(true);
    setError(undefined);
    try {
      const { authorizeUrl } = await api.interfaces.connectUrl(item.id, changeOrganisation);
      window.location.assign(authorizeUrl);
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
    }
  }

  async function disconnect() {
    setBusy(true);
    setError(undefined);
    try {
      await api.interfaces.disconnect(item.id);
      setConfirming(false);
      onChanged();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const connected = status === 'connected' || status === 'reconnect_needed';
  const brand = item.provider === 'xero' || item.provider === 'myob' ? item.provider : undefined;
  const checkedAt = connection && 'checkedAt' in connection ? connection.checkedAt : null;
  const unreachable = connection && 'unreachable' in connection ? connection.unreachable : false;
  const scopes = connection?.scopes ?? [];
  return (
    <section className="panel" aria-labelledby="connection-heading" data-testid="connection-card">
      <div className="panel-heading">
        <h2 id="connection-heading">Connection to {platform}</h2>
        <StatusBadge status={status} />
      </div>
      {status === 'reconnect_needed' ? (
        <div className="notice notice-warn" role="alert">
          <strong>The connection to {platform} needs to be renewed.</strong> Invoices cannot be sent until
          someone reconnects. This happens when the connection is removed in {platform}
          {item.provider === 'xero' ? ' (Settings, Connected apps)' : ''} or its approval runs out. Choose{' '}
          <em>Reconnect</em> and sign in to {platform}; mappings and settings are kept.
        </div>
      ) : null}
      {connection?.organisationChoicePending ? (
        <div className="notice notice-warn">
          An organisation still has to be chosen.{' '}
          <Link to={`/accounting/interfaces/${item.id}/choose-organisation`}>Choose the organisation</Link>
        </div>
      ) : null}
      <dl className="details">
        <div>
          <dt>{isMyob ? 'Company file' : 'Organisation'}</dt>
          <dd data-testid="tenant-name">{tenantName ?? <span className="muted">Not connected</span>}</dd>
        </div>
        <div>
          <dt>Connected by</dt>
          <dd>{connection?.connectedBy ?? <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Connected</dt>
          <dd>
            {connection?.connectedAt ? (
              formatDateTime(connection.connectedAt)
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Status checked</dt>
          <dd data-testid="checked-at">
            {checkedAt ? `With ${platform}, ${formatDateTime(checkedAt)}` : <span className="muted">—</span>}
            {unreachable ? (
              <span className="block warn-text">
                {platform} could not be reached just now: this is the last status known.
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Access granted</dt>
          <dd data-testid="scopes">
            {scopes.length ? (
              <ul className="scope-list">
                {scopes.map((s) => (
                  <li key={s}>
                    <code>{s}</code>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </div>
        {isMyob ? (
          <div>
            <dt>Approval to renew by</dt>
            <dd className={connection?.renewalDue ? 'warn-text' : undefined}>
              {connection?.consentExpiresAt ? (
                formatDate(connection.consentExpiresAt)
              ) : (
                <span className="muted">—</span>
              )}
            </dd>
          </div>
        ) : null}
      </dl>
      {isMyob && connection?.renewalDue ? (
        <p className="warn-text">
          MYOB approval lasts 12 months and is due for renewal: a MYOB Administrator should choose Reconnect.
        </p>
      ) : null}
      {connection?.permissionMessage ? (
        <p className="warn-text" role="status">
          {connection.permissionMessage} Choose <em>Reconnect</em> below: {platform} will ask for it.
        </p>
      ) : null}
      {connection?.lastError ? (
        <p className="problem-text">Last problem: {connection.lastError.message}</p>
      ) : null}
      {confirming ? (
        <section className="confirm-box" aria-labelledby="disconnect-question">
          <p id="disconnect-question">
            <strong>
              Disconnect {item.displayName}
              {tenantName ? ` from ${tenantName}` : ''}?
            </strong>{' '}
            Invoices will not be sent until you connect again. Mappings, options and links to invoice settings
            are kept.
          </p>
          <div className="form-buttons">
            <button
              ref={confirmButton}
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={disconnect}
            >
              {busy ? 'Disconnecting…' : 'Disconnect'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirming(false);
                disconnectButton.current?.focus();
              }}
            >
              Keep connected
            </button>
          </div>
        </section>
      ) : (
        <div className="button-row">
          {connected ? (
            <>
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => connect()}
              >
                Reconnect
              </button>
              <button
                ref={disconnectButton}
                type="button"
                className="button"
                disabled={busy}
                onClick={() => setConfirming(true)}
              >
                {item.provider === 'xero' ? 'Disconnect from Xero' : 'Disconnect'}
              </button>
            </>
          ) : brand ? (
            <PlatformButton
              platform={brand}
              label={busy ? 'Opening…' : `Connect to ${platform}`}
              disabled={busy}
              onClick={() => connect()}
            />
          ) : (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => connect()}>
              {busy ? 'Opening…' : `Connect to ${platform}`}
            </button>
          )}
          {tenantName && item.provider === 'xero' ? (
            <button
              type="button"
              className="button button-quiet"
              disabled={busy}
              onClick={() => connect(true)}
            >
              Connect a different organisation
            </button>
          ) : null}
        </div>
      )}
      <ErrorNotice error={error} />
      <p className="muted small">
        {item.provider === 'xero'
          ? 'If someone removes this app in Xero (Settings, Connected apps), the status here changes to Reconnect needed and invoices wait. Choose Reconnect to carry on.'
          : isMyob
            ? 'Connecting needs a MYOB Administrator of the company file. If the approval is removed in MYOB, the status changes to Reconnect needed.'
            : `If the connection is removed in ${platform}, the status changes to Reconnect needed.`}
      </p>
    </section>
  );
}
