// One error envelope for the whole API: { "error": { "code", "message", "fields"? } }.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { ConnectorError } from '../connectors/errors.ts';
import { loggableError } from '../log.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) =>
  new AppError(404, 'not_found', `${what} was not found in this practice.`);
export const conflict = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(409, code, message, fields);
export const badRequest = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(400, code, message, fields);

export function fromZod(error: ZodError, where: 'body' | 'query' | 'params'): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : where;
    fields[key] ??= issue.message;
  }
  const names = Object.keys(fields);
  const message =
    names.length === 1
      ? `${names[0]}: ${fields[names[0]!]}`
      : `The request has ${names.length} problems: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : '.'}`;
  return new AppError(400, 'validation_failed', message, fields);
}

/**
 * A platform's refusal reaching a route: its plain message (ConnectorErrors never carry a token), with a
 * status that says whose move it is: 409 a person must reconnect, 503 try again later, 502 the platform
 * refused the request.
 */
export function fromConnector(e: ConnectorError): AppError {
  const status =
    e.code === 'reconnect_needed' || e.code === 'auth_expired' || e.code === 'forbidden'
      ? 409
      : e.code === 'rate_limited' || e.code === 'provider_unavailable' || e.code === 'uncertain_outcome'
        ? 503
        : e.code === 'not_entitled'
          ? 402
          : 502;
  const next =
    status === 409
      ? ' Open the interface page and choose Reconnect.'
      : status === 503
        ? ' Try again in a few minutes.'
        : '';
  return new AppError(status, e.code, `${e.message}${e.message.includes('Reconnect') ? '' : next}`.trim());
}

/** The PostgreSQL error behind a driver or Drizzle wrapper, if any. */
export function pgError(err: unknown): { code: string; constraint?: string } | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const c = e as { constraint?: string; constraint_name?: string };
      const constraint = c.constraint ?? c.constraint_name;
      return constraint ? { code, constraint } : { code };
    }
  }
  return undefined;
}

/** Plain-language messages for the constraints a person can run into. */
const CONSTRAINT_MESSAGES: Record<string, { message: string; field?: string }> = {
  offices_practice_code: { message: 'Another office already uses this code.', field: 'code' },
  invoice_settings_practice_name: {
    message: 'Another invoice setting already has this name.',
    field: 'name',
  },
  accounts_interfaces_practice_name: {
    message: 'Another accounts interface already has this name.',
    field: 'displayName',
  },
  clients_practice_code: { message: 'Another client already has this client ID.', field: 'clientCode' },
  jobs_practice_code: { message: 'Another job already has this code.', field: 'code' },
  invoices_practice_number: { message: 'Another invoice already has this number.', field: 'number' },
  departments_practice_code: { message: 'Another department already uses this code.', field: 'code' },
  job_types_practice_code: { message: 'Another job type already uses this code.', field: 'code' },
  tasks_practice_code: { message: 'Another task already uses this code.', field: 'code' },
  batch_items_one_open_batch: {
    message:
      'An invoice is already waiting in another batch; it can be in only one unfinished batch at a time.',
    field: 'invoiceIds',
  },
  tax_classes_practice_code: { message: 'Another tax class already uses this code.', field: 'code' },
};

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (err instanceof ConnectorError) error = fromConnector(err);
    else if (err instanceof ZodError) error = fromZod(err, 'body');
    else if ((err as { type?: string }).type === 'entity.parse.failed') {
      // express.json() in strict mode refuses both broken JSON and a body that is not an object or array.
      error = badRequest('invalid_json', 'The request body must be a JSON object.', {
        body: 'must be a JSON object',
      });
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      error = new AppError(413, 'body_too_large', 'The request body is too large.');
    } else {
      const pg = pgError(err);
      const known = pg?.constraint ? CONSTRAINT_MESSAGES[pg.constraint] : undefined;
      if (pg?.code === '23505') {
        error = conflict(
          'already_exists',
          known?.message ?? 'A record with these details already exists.',
          known?.field ? { [known.field]: known.message } : undefined,
        );
      } else if (pg?.code === '23503') {
        error = conflict(
          'in_use',
          'This record is still referenced by others, or refers to one that does not exist.',
        );
      } else {
        // The path only: query strings carry search terms, names and email addresses.
        log.error(
          { err: loggableError(err), method: req.method, path: req.originalUrl.split('?')[0] },
          'unhandled error',
        );
        error = new AppError(
          500,
          'internal',
          'Something went wrong on our side. It has been logged; please try again.',
        );
      }
    }
    if (res.headersSent) return;
    res.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
      },
    });
  };
}
