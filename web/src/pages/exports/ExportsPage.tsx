import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  type ApiError,
  api,
  type ExportRecord,
  type ExportSelection,
  type Preview,
  toApiError,
} from '../../api.ts';
import { InterfacePicker, useInterfaceParam } from '../../components/InterfacePicker.tsx';
import { InvoiceSelection } from '../../components/InvoiceSelection.tsx';
import { Empty, ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PreviewView } from '../../components/PreviewView.tsx';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useResource } from '../../useResource.ts';

export function ExportsPage() {
  const interfaces = useResource('interfaces', api.interfaces.list);
  // Writing and confirming files is a biller's work; viewers see the history and download.
  const canExport = useSession().can('biller');
  const fileInterfaces = useMemo(() => interfaces.data?.filter((i) => i.kind === 'file'), [interfaces.data]);
  const { interfaceId, choose } = useInterfaceParam(fileInterfaces);
  const [version, setVersion] = useState(0);
  const history = useResource(`exports:${interfaceId ?? ''}:${version}`, () =>
    interfaceId ? api.exports.list(interfaceId) : Promise.resolve([]),
  );
  const [preview, setPreview] = useState<Preview>();
  const [created, setCreated] = useState<ExportRecord>();
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');

  async function run(name: string, action: () => Promise<void>) {
    setBusy(name);
    setError(undefined);
    setNotice('');
    try {
      await action();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy('');
    }
  }

  const selection = (ids: string[]): ExportSelection => ({ interfaceId: interfaceId!, invoiceIds: ids });
  const confirm = (record: ExportRecord) =>
    run(`confirm:${record.id}`, async () => {
      const next = await api.exports.confirm(record.id);
      if (created?.id === next.id) setCreated(next);
      setNotice(`Export ${next.fileName} is confirmed: its ${next.invoiceCount} invoices count as exported.`);
      setVersion((v) => v + 1);
    });

  return (
    <>
      <PageHeader
        title="Exports"
        description="For accounting packages without a connection: write an import file, import it into the package, then confirm it here."
      />
      <ErrorNotice error={interfaces.error} title="The accounts interfaces could not be loaded." />
      {!interfaces.data && interfaces.loading ? <Loading what="accounts interfaces" /> : null}
      {fileInterfaces && fileInterfaces.length === 0 ? (
        <Empty>
          There is no import-file interface yet. Add one under{' '}
          <Link to="/accounting/interfaces">Interface settings</Link> (for example QuickBooks Desktop or
          MoneyWorks).
        </Empty>
      ) : null}
      {canExport && fileInterfaces && interfaceId ? (
        <section className="panel" aria-labelledby="new-export-heading">
          <h2 id="new-export-heading">New export</h2>
          <div className="form-row">
            <InterfacePicker interfaces={fileInterfaces} value={interfaceId} onChange={choose} />
          </div>
          <InvoiceSelection
            interfaceId={interfaceId}
            version={version}
            actions={(ids) => (
              <>
                <button
                  type="button"
                  className="button"
                  disabled={ids.length === 0 || Boolean(busy)}
                  onClick={() =>
                    run('preview', async () => setPreview(await api.exports.preview(selection(ids))))
                  }
                >
                  {busy === 'preview' ? 'Previewing…' : 'Preview'}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={ids.length === 0 || Boolean(busy)}
                  onClick={() =>
                    run('create', async () => {
                      setCreated(await api.exports.create(selection(ids)));
                      setPreview(undefined);
                      setVersion((v) => v + 1);
                    })
                  }
                >
                  {busy === 'create' ? 'Writing…' : 'Create export'}
                </button>
              </>
            )}
          />
          {error?.status === 402 ? (
            <div className="notice notice-error" role="alert">
              {error.message} <Link to="/billing">Go to Billing</Link>
            </div>
          ) : (
            <ErrorNotice error={error} />
          )}
          <SuccessNotice>{notice}</SuccessNotice>
        </section>
      ) : null}
      {created ? (
        <section className="panel panel-highlight" aria-labelledby="created-heading">
          <h2 id="created-heading">Export written: {created.fileName}</h2>
          <p>
            {created.invoiceCount} {created.invoiceCount === 1 ? 'invoice' : 'invoices'} in{' '}
            {created.templateName} format. Download {created.files.length === 1 ? 'the file' : 'each file'},
            import it into the package, then confirm.
          </p>
          <ExportFiles record={created} />
          {!created.confirmedAt ? (
            <button
              type="button"
              className="button button-primary"
              disabled={Boolean(busy)}
              onClick={() => confirm(created)}
            >
              Confirm imported
            </button>
          ) : (
            <p className="good-text">Confirmed {formatDateTime(created.confirmedAt)}.</p>
          )}
        </section>
      ) : null}
      {preview?.exportSettings ? <ExportSettingsSummary settings={preview.exportSettings} /> : null}
      {preview ? <PreviewView preview={preview} /> : null}
      {interfaceId ? (
        <section aria-labelledby="export-history-heading">
          <h2 id="export-history-heading">Export history</h2>
          <ErrorNotice error={history.error} title="The exports could not be loaded." />
          {history.data && history.data.length === 0 ? (
            <Empty>No exports yet for this interface.</Empty>
          ) : null}
          {history.data && history.data.length > 0 ? (
            <div className="table-wrap">
              <table className="table" data-testid="export-history">
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Created</th>
                    <th scope="col" className="num">
                      Invoices
                    </th>
                    <th scope="col">Download</th>
                    <th scope="col">Imported?</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        {r.fileName}
                        <span className="block muted">{r.templateName}</span>
                      </th>
                      <td>
                        {formatDateTime(r.createdAt)}
                        <span className="block muted">by {r.createdBy}</span>
                      </td>
                      <td className="num">{r.invoiceCount}</td>
                      <td>
                        <ExportFiles record={r} />
                      </td>
                      <td>
                        {r.confirmedAt ? (
                          <>
                            <span className="badge badge-good">Confirmed</span>
                            <span className="block muted">
                              {formatDateTime(r.confirmedAt)}
                              {r.confirmedBy ? ` by ${r.confirmedBy}` : ''}
                            </span>
                          </>
                        ) : (
                          <>
                            <span className="badge badge-warn">Not confirmed</span>{' '}
                            <button
                              type="button"
                              className="button button-small"
                              hidden={!canExport}
                              disabled={Boolean(busy)}
                              onClick={() => confirm(r)}
                              aria-label={`Confirm ${r.fileName} imported`}
                            >
                              Confirm imported
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function ExportFiles({ record }: { record: ExportRecord }) {
  return (
    <ul className="plain-list">
      {record.files.map((f) => (
        <li key={f.index}>
          <a href={f.downloadUrl} download={f.fileName}>
            Download {f.fileName}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The settings the file will be written with: the same the export uses, changed on the interface's page. */
function ExportSettingsSummary({ settings }: { settings: NonNullable<Preview['exportSettings']> }) {
  const items = Object.entries(settings.itemsByAccount);
  return (
    <section className="panel" aria-labelledby="export-settings-used-heading" data-testid="export-settings">
      <h2 id="export-settings-used-heading">Written with these settings</h2>
      <dl className="details">
        <div>
          <dt>Home currency</dt>
          <dd>{settings.baseCurrency}</dd>
        </div>
        {settings.settings.map((s) => (
          <div key={s.key}>
            <dt>{s.label}</dt>
            <dd>{s.value || <span className="muted">not set</span>}</dd>
          </div>
        ))}
        {items.length ? (
          <div>
            <dt>Items per income account</dt>
            <dd>{items.map(([account, item]) => `${account}: ${item}`).join('; ')}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted small">
        Change them under the interface's Export settings. Before a file is offered for download it is read
        back with the package's own import rules; a file the package would reject is refused with the reasons.
      </p>
    </section>
  );
}
