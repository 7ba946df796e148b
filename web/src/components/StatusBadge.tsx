import { humanize } from '../format.ts';

/** Statuses that need the reader's attention get a warning colour; settled ones a calm one. */
const TONES: Record<string, 'good' | 'warn' | 'bad' | 'neutral'> = {
  committed: 'good',
  connected: 'good',
  draft: 'neutral',
  not_connected: 'neutral',
  disconnected: 'warn',
  reconnect_needed: 'warn',
  // batches and their invoices
  open: 'neutral',
  queued: 'neutral',
  running: 'neutral',
  done: 'good',
  uploaded: 'good',
  failed: 'bad',
  skipped: 'neutral',
  // payments back from the ledger
  paid: 'good',
  'part-paid': 'neutral',
  unpaid: 'neutral',
  voided: 'warn',
  deleted: 'warn',
  // billing
  trialing: 'neutral',
  active: 'good',
  past_due: 'warn',
  cancelled: 'warn',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${TONES[status] ?? 'neutral'}`}>{humanize(status)}</span>;
}

/** A batch: Done only when everything went; Done with failures in amber; nothing landed is Failed. */
export function BatchStatus({ status, failed }: { status: string; failed: number }) {
  if (status === 'done' && failed > 0) {
    return <span className="badge badge-warn">Done, {failed} failed</span>;
  }
  return <StatusBadge status={status} />;
}
