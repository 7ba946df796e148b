// The three roles and what each may do. Roles are ranked: a biller can do everything a viewer can, an
// administrator everything a biller can. Every API route names the weakest role allowed to call it.
import { ROLES, type Role } from '../../db/schema.ts';
import { AppError } from './errors.ts';

export { ROLES, type Role };

const RANK: Record<Role, number> = { viewer: 0, biller: 1, administrator: 2 };

export const ROLE_TEXT: Record<Role, string> = {
  viewer: 'a viewer (reads everything, changes nothing)',
  biller: 'a biller (batches, preview, upload and exports)',
  administrator: 'an administrator (connections, mappings, settings, billing, users and API keys)',
};

export const allows = (held: Role, needed: Role) => RANK[held] >= RANK[needed];

export function assertRole(held: Role, needed: Role): void {
  if (allows(held, needed)) return;
  throw new AppError(
    403,
    'forbidden',
    `Your role is ${held}: this needs ${ROLE_TEXT[needed]}. Ask an administrator of your practice if you need it.`,
  );
}
