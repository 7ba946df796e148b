// GeneralLedger/Job: list, read, create (myob.md §3.4). POST always creates (no idempotency, myob.md §5),
// but job Numbers are unique within a file, as in AccountRight.
import { json } from '../../common/http.ts';
import { fileBase } from '../context.ts';
import { ApiError, type MyobErrorItem, required, validation } from '../errors.ts';
import type { JobRecord } from '../types.ts';
import { type Refs, refs } from './refs.ts';
import {
  type ApiRequest,
  bool,
  created,
  findOr404,
  isoSeconds,
  list,
  methodNotAllowed,
  refUid,
  str,
} from './request.ts';
import { rejectIdentifiersOnPost } from './write-rules.ts';

export function jobView(j: JobRecord, r: Refs, base: string) {
  return {
    UID: j.uid,
    Number: j.number,
    IsHeader: j.isHeader,
    Name: j.name,
    Description: j.description,
    ParentJob: r.job(j.parentUid),
    LinkedCustomer: r.customer(j.linkedCustomerUid),
    PercentComplete: 0,
    StartDate: null,
    FinishDate: null,
    Contact: '',
    Manager: '',
    IsActive: j.isActive,
    TrackReimbursables: false,
    LastModified: isoSeconds(j.lastModified),
    URI: `${base}/GeneralLedger/Job/${j.uid}`,
    RowVersion: j.rowVersion,
  };
}

async function createJob(req: ApiRequest): Promise<Response> {
  const body = await req.body();
  rejectIdentifiersOnPost(body);
  const errors: MyobErrorItem[] = [];
  const number = str(body, 'Number')?.trim() ?? '';
  const name = str(body, 'Name')?.trim() ?? '';
  if (!number) errors.push(required('Number'));
  else if (number.length > 15) errors.push(validation('Number must be 15 characters or fewer', 'Number'));
  else if (req.file.jobs.some((j) => j.number.toLowerCase() === number.toLowerCase())) {
    errors.push(validation(`Job number ${number} is already in use`, 'Number'));
  }
  if (!name) errors.push(required('Name'));
  else if (name.length > 30) errors.push(validation('Name must be 30 characters or fewer', 'Name'));
  const parentUid = refUid(body.ParentJob) ?? null;
  if (parentUid && !req.file.jobs.some((j) => j.uid === parentUid && j.isHeader)) {
    errors.push(validation('ParentJob must be an existing header job', 'ParentJob'));
  }
  const customerUid = refUid(body.LinkedCustomer) ?? null;
  if (customerUid && !req.file.customers.some((c) => c.uid === customerUid)) {
    errors.push(validation('LinkedCustomer was not found', 'LinkedCustomer'));
  }
  if (errors.length) throw new ApiError(400, errors);
  const job: JobRecord = {
    uid: req.ctx.state.uid(),
    number,
    name,
    description: str(body, 'Description') ?? '',
    isHeader: bool(body, 'IsHeader') ?? false,
    isActive: bool(body, 'IsActive') ?? true,
    parentUid,
    linkedCustomerUid: customerUid,
    rowVersion: req.ctx.state.rowVersion(),
    lastModified: req.ctx.clock.now(),
  };
  req.file.jobs.push(job);
  req.ctx.state.changed();
  const base = fileBase(req.ctx, req.file.id);
  return created(req, job.uid, () => jobView(job, refs(req.file, base), base));
}

export async function jobsResource(req: ApiRequest): Promise<Response> {
  const base = fileBase(req.ctx, req.file.id);
  const r = refs(req.file, base);
  if (req.method === 'GET' && req.rest.length === 1) {
    return json(jobView(findOr404(req.file.jobs, req.rest[0]!, 'Job'), r, base));
  }
  if (req.method === 'GET' && req.rest.length === 0) {
    return list(
      req,
      req.file.jobs.map((j) => jobView(j, r, base)),
    );
  }
  if (req.method === 'POST' && req.rest.length === 0) return createJob(req);
  return methodNotAllowed(req);
}
