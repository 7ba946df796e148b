import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  type ApiError,
  api,
  type CheckedConnection,
  type ConnectionStatus,
  type ReferenceData,
  toApiError,
} from '../../api.ts';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { useProviders } from '../../useProviders.ts';
import { useResource } from '../../useResource.ts';
import { referenceOptions, roundingOptions } from '../mappings/referenceOptions.ts';
import { CodeListUpload } from './CodeListUpload.tsx';
import { ConnectionCard, connectErrorMessage, platformName } from './ConnectionCard.tsx';
import { ExportSettingsForm } from './ExportSettingsForm.tsx';
import { OptionsForm } from './OptionsForm.tsx';
import { PaymentsCard } from './PaymentsCard.tsx';

/**
 * The status is asked of the platform as the page opens (one cheap call), so a connection removed inside
 * Xero shows here at once, not at the next hourly job. The endpoint may not exist on an older server: then
 * the interface's own status is shown.
 */
async function connectionOrNull(id: string): Promise<CheckedConnection | ConnectionStatus | null> {
  try {
    return await api.interfaces.checkConnection(id);
  } catch (e) {
    if (toApiError(e).status === 404) return null;
    throw e;
  }
}

async function loadInterface(id: string) {
  const item = await api.interfaces.get(id);
  const [options, reference, everything, settings, connection, mappings] = await Promise.all([
    api.interfaces.options(id),
    api.interfaces.reference(id),
    // The rounding line may go to any active account and needs a 0% code: chosen from the whole chart.
    api.interfaces.reference(id, true),
    api.invoiceSettings.list(),
    item.kind === 'api' ? connectionOrNull(id) : Promise.resolve(null),
    item.kind === 'file' ? api.interfaces.mappings(id) : Promise.resolve([]),
  ]);
  return { item, options, reference, everything, settings, connection, mappings };
}

export function InterfaceDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const connectError = params.get('error');
  const { data, error, loading, reload } = useResource(`interface:${id}`, () => loadInterface(id));
  const providers = useProviders();
  // Just connected: the codes are pulled in the background, so the card follows them until they arrive.
  const [pulledReference, setPulledReference] = useState<ReferenceData>();
  const awaitingCodes =
    data?.item.kind === 'api' &&
    data.connection?.status === 'connected' &&
    !data.reference.pulledAt.accounts &&
    !pulledReference?.pulledAt.accounts;
  useEffect(() => {
    if (!awaitingCodes) return;
    let stopped = false;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > 60) clearInterval(timer);
      void api.interfaces.reference(id).then((r) => {
        if (!stopped && r.pulledAt.accounts) {
          setPulledReference(r);
          clearInterval(timer);
        }
      });
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [awaitingCodes, id]);
  const reference = pulledReference ?? data?.reference;
  const codes = useMemo(
    () => referenceOptions(reference, data?.item.provider),
    [reference, data?.item.provider],
  );
  const roundingCodes = useMemo(() => roundingOptions(data?.everything), [data?.everything]);
  const trackingCategories = useMemo(
    () => [...new Set(reference?.tracking.map((t) => t.categoryName))],
    [reference],
  );
  const mappedAccounts = useMemo(
    () => [
      ...new Set((data?.mappings ?? []).map((m) => m.accountCode).filter((c): c is string => Boolean(c))),
    ],
    [data?.mappings],
  );
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<ApiError>();
  const [refreshed, setRefreshed] = useState('');

  if (!data) {
    return (
      <>
        <PageHeader title="Accounts interface" actions={<BackLink />} />
        <ErrorNotice error={error} title="This accounts interface could not be loaded." />
        {loading ? <Loading what="the accounts interface" /> : null}
      </>
    );
  }

  const { item, connection } = data;
  const shown = reference ?? data.reference;
  const providerName = providers.get(item.provider)?.displayName ?? item.providerName ?? item.provider;
  const platform = platformName(item.provider, providerName);
  const linkedSettings = data.settings.filter((s) => s.interfaceId === item.id);

  async function refresh() {
    setRefreshing(true);
    setRefreshError(undefined);
    setRefreshed('');
    try {
      const counts = await api.interfaces.refreshReference(item.id);
      setRefreshed(
        `Codes refreshed from ${platform}: ${counts.accounts} accounts, ${counts.taxRates} tax rates and ${counts.tracking} tracking options read.`,
      );
      setPulledReference(await api.interfaces.reference(item.id));
      reload();
    } catch (e) {
      setRefreshError(toApiError(e));
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <>
      <PageHeader
        title={item.displayName}
        description={
          <>
            {providerName}
            {item.kind === 'file' ? ' · import file' : ''}
          </>
        }
        actions={<BackLink />}
      />
      {connectError ? (
        <div className="notice notice-error" role="alert">
          <strong>Not connected. </strong>
          {connectErrorMessage(connectError)}{' '}
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() =>
              setParams(
                (p) => {
                  p.delete('error');
                  return p;
                },
                { replace: true },
              )
            }
          >
            Dismiss
          </button>
        </div>
      ) : null}
      {item.kind === 'api' ? (
        <ConnectionCard item={item} connection={connection} onChanged={reload} />
      ) : (
        <section className="panel" aria-labelledby="file-heading">
          <h2 id="file-heading">Import file</h2>
          <p>
            {providerName} has no connection to set up: Accounts Link writes import files for it. Create,
            download and confirm them on the{' '}
            <Link to={`/accounting/exports?interface=${item.id}`}>Exports</Link> page.
          </p>
        </section>
      )}

      {item.kind === 'api' ? (
        <section className="panel" aria-labelledby="codes-heading">
          <div className="panel-heading">
            <h2 id="codes-heading">Codes from {platform}</h2>
            <button type="button" className="button" onClick={refresh} disabled={refreshing}>
              {refreshing ? 'Refreshing…' : `Refresh codes from ${platform}`}
            </button>
          </div>
          {awaitingCodes ? (
            <p className="muted" role="status">
              Reading the codes from {platform}…
            </p>
          ) : null}
          <dl className="details" data-testid="pulled-times">
            <div>
              <dt>Accounts</dt>
              <dd>
                {shown.accounts.length} offered
                <span className="block muted">{pulledText(shown.pulledAt.accounts)}</span>
              </dd>
            </div>
            <div>
              <dt>Tax rates</dt>
              <dd>
                {shown.taxRates.length} offered
                <span className="block muted">{pulledText(shown.pulledAt.taxRates)}</span>
              </dd>
            </div>
            <div>
              <dt>Tracking options</dt>
              <dd>
                {shown.tracking.length} offered
                <span className="block muted">{pulledText(shown.pulledAt.tracking)}</span>
              </dd>
            </div>
          </dl>
          <p className="muted small">
            Only active revenue accounts and sales tax rates are offered in the dropdowns. Map them on the{' '}
            <Link to={`/accounting/mappings?interface=${item.id}`}>Mappings</Link> page.
          </p>
          <ErrorNotice error={refreshError} title="The codes could not be refreshed." />
          <SuccessNotice>{refreshed}</SuccessNotice>
        </section>
      ) : null}

      {item.kind === 'api' ? (
        <PaymentsCard
          interfaceId={item.id}
          platform={platform}
          connected={(connection?.status ?? item.status) === 'connected'}
        />
      ) : null}

      <OptionsForm
        item={item}
        platform={platform}
        options={data.options}
        codes={codes}
        roundingCodes={roundingCodes}
        trackingCategories={trackingCategories}
        onSaved={reload}
      />

      {item.kind === 'file' && providers.get(item.provider)?.file ? (
        <ExportSettingsForm
          item={item}
          file={providers.get(item.provider)!.file!}
          options={data.options}
          mappedAccounts={mappedAccounts}
          onSaved={reload}
        />
      ) : null}
      {item.kind === 'file' ? (
        <CodeListUpload interfaceId={item.id} providerName={providerName} onLoaded={reload} />
      ) : null}

      <section className="panel" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Linked invoice settings</h2>
        {linkedSettings.length ? (
          <ul className="plain-list">
            {linkedSettings.map((s) => (
              <li key={s.id}>
                <span className="strong">{s.name}</span>{' '}
                <span className="muted">
                  {s.officeIds.length} {s.officeIds.length === 1 ? 'office' : 'offices'}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No invoice settings post to this interface yet.</p>
        )}
        <p className="small">
          Change links under <Link to="/invoice-settings">Invoice settings</Link>.
        </p>
      </section>
    </>
  );
}

function pulledText(at: string | null) {
  return at ? `Pulled ${formatDateTime(at)}` : 'Never pulled';
}

function BackLink() {
  return (
    <Link className="button button-quiet" to="/accounting/interfaces">
      ← All interfaces
    </Link>
  );
}
