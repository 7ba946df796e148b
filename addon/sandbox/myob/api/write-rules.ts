// Rules every MYOB write follows (myob.md §3.6, §3.8).
import { ApiError, incorrectRowVersion, item, required, validation } from '../errors.ts';
import { obj, str } from './request.ts';

/**
 * "Do not send UID, RowID or RowVersion on POST. If you provide this, then it will cause a conflict and
 * result in the error 409" (myob.md §3.6, apisupport 4788117269647).
 */
export function rejectIdentifiersOnPost(body: Record<string, unknown>): void {
  const lines = Array.isArray(body.Lines) ? body.Lines : [];
  const lineIds = lines.some((l) => {
    const o = obj(l);
    return o && (o.RowID !== undefined || o.RowVersion !== undefined);
  });
  if (body.UID !== undefined || body.RowVersion !== undefined || lineIds) {
    throw new ApiError(409, [
      item('Conflict', 'UID, RowID and RowVersion must not be sent when creating a record', 'UID/RowVersion'),
    ]);
  }
}

/** PUT needs the record's UID and its current RowVersion; a stale one is 409 IncorrectRowVersion (§3.8). */
export function checkPutIdentity(body: Record<string, unknown>, uid: string, rowVersion: string): void {
  const bodyUid = str(body, 'UID');
  if (!bodyUid || bodyUid.toLowerCase() !== uid) {
    throw new ApiError(400, [validation('UID in the body must match the record in the URL', 'UID')]);
  }
  const sent = body.RowVersion;
  if (sent === undefined || sent === null) throw new ApiError(400, [required('RowVersion')]);
  if (String(sent) !== rowVersion) throw new ApiError(409, [incorrectRowVersion()]);
}
