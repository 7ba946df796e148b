import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ApiError, api, type Batch, type Preview, toApiError } from '../../api.ts';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PreviewView } from '../../components/PreviewView.tsx';
import { BatchStatus, StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime, formatDuration, groupDigits } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useResource } from '../../useResource.ts';

const MOVING = new Set(['queued', 'running']);

export function BatchPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const loaded = useResource(`batch:${id}`, () => api.batches.get(id));
  const iface = useResource(`batch-interface:${loaded.data?.interfaceId ?? ''}`, () =>
    loaded.data ? api.interfaces.get(loaded.data.interfaceId) : Promise.resolve(undefined),
  );
  const previewRef = useRef<HTMLDivElement>(null);
  const scrollToPreview = useRef(false);
  // Preview, upload, retry and skip are a biller's work; viewers watch.
  const canBatch = useSession().can('biller');
  const [batch, setBatch] = useState<Batch>();
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');

  useEffect(() => {
    if (loaded.data) setBatch(loaded.data);
  }, [loaded.data]);

  // While the batch is on its way, ask for its progress every second until it is done.
  const moving = batch ? MOVING.has(batch.status) : false;
  useEffect(() => {
    if (!moving) return;
    let stopped = false;
    const timer = window.setInterval(async () => {
      try {
        const next = await api.batches.get(id);
        if (!stopped) setBatch(next);
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, 1000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [moving, id]);

  // A fresh preview is brought into view once it is on the page (it sits above the invoices).
  useEffect(() => {
    if (preview && scrollToPreview.current) {
      scrollToPreview.current = false;
      previewRef.current?.scrollIntoView({ block: 'start' });
    }
  }, [preview]);

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

  if (!batch) {
    return (
      <>
        <PageHeader title="Batch" actions={<BackLink />} />
        <ErrorNotice error={loaded.error} title="This batch could not be loaded." />
        {loaded.loading ? <Loading what="the batch" /> : null}
      </>
    );
  }

  const { counts } = batch;
  const toSend = counts.total - counts.skipped;
  const processed = counts.uploaded + counts.failed;
  const percent = toSend ? Math.round((processed / toSend) * 100) : 0;
  const open = batch.status === 'open';
  // Skipping changes the batch: a biller's action, so a viewer sees no Skip column.
  const canSkip = open && canBatch;
  const started = batch.status !== 'open';
  // Upload says why it cannot go before anyone presses it: nothing is sent half-ready.
  const item = iface.data;
  const blockers: ReactNode[] = [];
  if (item && item.kind === 'api' && item.status !== 'connected') {
    blockers.push(
      <>
        {item.displayName} is not connected.{' '}
        <Link to={`/accounting/interfaces/${item.id}`}>Connect it on its page</Link> first.
      </>,
    );
  }
  if (toSend === 0) blockers.push('Every invoice in this batch is skipped.');
  else if (!preview) blockers.push('Preview the batch first: Upload sends what the preview shows ready.');
  else if (preview.summary.ready === 0) {
    blockers.push('No invoice is ready: fix the problems the preview lists, then preview again.');
  }

  return (
    <>
      <PageHeader
        title={`Batch ${batch.number}`}
        description={`${batch.interfaceName} · ${counts.total} ${counts.total === 1 ? 'invoice' : 'invoices'}`}
        actions={<BackLink />}
      />
      <section className="panel" aria-labelledby="batch-heading">
        <h2 id="batch-heading" className="visually-hidden">
          About this batch
        </h2>
        <dl className="details">
          <div>
            <dt>Status</dt>
            <dd data-testid="batch-status">
              <BatchStatus status={batch.status} failed={counts.failed} />
            </dd>
          </div>
          <div>
            <dt>Accounts interface</dt>
            <dd>{batch.interfaceName}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              {formatDateTime(batch.createdAt)}
              <span className="block muted">by {batch.createdBy}</span>
            </dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(batch.durationSeconds) || <span className="muted">Not started</span>}</dd>
          </div>
        </dl>
        {started ? (
          <div className="progress-block">
            <div
              className="progress"
              role="progressbar"
              aria-label="Upload progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${processed} of ${toSend} processed`}
              data-testid="upload-progress"
            >
              <div
                className={`progress-fill${counts.failed ? ' has-failures' : ''}`}
                style={{ width: `${percent}%` }}
              />
            </div>
            <p className="progress-text" aria-live="polite" data-testid="progress-text">
              {percent}% · {processed} of {toSend} processed · {counts.uploaded} uploaded · {counts.failed}{' '}
              failed
              {counts.skipped ? ` · ${counts.skipped} skipped` : ''}
            </p>
          </div>
        ) : null}
        <div className="button-row" hidden={!canBatch}>
          {open ? (
            <>
              <button
                type="button"
                className="button"
                disabled={Boolean(busy)}
                onClick={() =>
                  run('preview', async () => {
                    setPreview(await api.batches.preview(id));
                    scrollToPreview.current = true;
                  })
                }
              >
                {busy === 'preview' ? 'Previewing…' : preview ? 'Preview again' : 'Preview'}
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={Boolean(busy) || blockers.length > 0}
                aria-describedby={blockers.length ? 'upload-blockers' : undefined}
                onClick={() =>
                  run('upload', async () => {
                    setBatch(await api.batches.upload(id));
                    setPreview(undefined);
                  })
                }
              >
                {busy === 'upload' ? 'Starting…' : 'Upload'}
              </button>
              <button
                type="button"
                className="button button-quiet"
                disabled={Boolean(busy)}
                onClick={() =>
                  run('delete', async () => {
                    await api.batches.remove(id);
                    navigate('/accounting/batches');
                  })
                }
              >
                Delete batch
              </button>
            </>
          ) : null}
          {!moving && counts.failed > 0 ? (
            <button
              type="button"
              className="button button-primary"
              disabled={Boolean(busy)}
              onClick={() =>
                run('retry', async () => {
                  setBatch(await api.batches.retry(id));
                  setNotice('The failed invoices are being sent again.');
                })
              }
            >
              {busy === 'retry' ? 'Starting…' : `Retry failed (${counts.failed})`}
            </button>
          ) : null}
        </div>
        {open && blockers.length ? (
          <ul className="upload-blockers warn-text" id="upload-blockers" data-testid="upload-blockers">
            {blockers.map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a short fixed list, rebuilt on each render.
              <li key={i}>{b}</li>
            ))}
          </ul>
        ) : null}
        {open ? (
          <p className="muted small">
            Upload sends only the invoices that are ready; blocked ones stay behind with the reason.
            {preview ? (
              <>
                {' '}
                <a href="#preview-heading">Go to the preview</a>
              </>
            ) : null}
          </p>
        ) : null}
        {error?.status === 402 ? (
          <div className="notice notice-error" role="alert">
            {error.message} <Link to="/billing">Go to Billing</Link>
          </div>
        ) : (
          <ErrorNotice error={error} />
        )}
        <SuccessNotice>{notice}</SuccessNotice>
      </section>

      {preview && open ? (
        <div ref={previewRef}>
          <PreviewView
            preview={preview}
            invoiceActions={(inv) =>
              canBatch ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={Boolean(busy)}
                  onClick={() =>
                    run('skip', async () => {
                      setBatch(await api.batches.skip(id, inv.invoiceId));
                      setPreview(
                        (p) =>
                          p && { ...p, invoices: p.invoices.filter((i) => i.invoiceId !== inv.invoiceId) },
                      );
                    })
                  }
                >
                  Skip this invoice
                </button>
              ) : null
            }
          />
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="batch-items">
          <caption className="visually-hidden">Invoices in batch {batch.number}</caption>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Client</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">Status</th>
              <th scope="col">Uploaded</th>
              <th scope="col">Upload Error</th>
              {canSkip ? (
                <th scope="col">
                  <span className="visually-hidden">Skip</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {batch.items.map((item) => (
              <tr key={item.invoiceId} data-status={item.status}>
                <th scope="row">
                  {item.number}
                  {item.externalNumber && item.externalNumber !== item.number ? (
                    <span className="block muted">In ledger: {item.externalNumber}</span>
                  ) : null}
                </th>
                <td>{item.clientName}</td>
                <td className="num">{groupDigits(item.total)}</td>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                <td className="nowrap" data-testid="uploaded-cell">
                  {item.uploadedAt ? formatDateTime(item.uploadedAt) : <span className="muted">—</span>}
                </td>
                <td className="problem-text">{item.error ?? ''}</td>
                {canSkip ? (
                  <td>
                    {item.status !== 'skipped' ? (
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        aria-label={`Skip invoice ${item.number}`}
                        disabled={Boolean(busy)}
                        onClick={() =>
                          run('skip', async () => setBatch(await api.batches.skip(id, item.invoiceId)))
                        }
                      >
                        Skip
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function BackLink() {
  return (
    <Link className="button button-quiet" to="/accounting/batches">
      ← All batches
    </Link>
  );
}
