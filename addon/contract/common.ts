// Shapes shared by the API and the web app. Money travels as decimal strings ("1234.50"), never floats.
import { z } from 'zod';

// A missing field says so plainly, whatever its type.
z.config({ customError: (issue) => (issue.input === undefined ? 'is required' : undefined) });

export const Id = z.uuid({ error: 'must be an id (UUID)' });
export const IdParams = z.object({ id: Id });
export const Money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ description: 'Exact amount as a decimal string', example: '1234.50' });
export const IsoDate = z.iso
  .date({ error: 'must be a date like 2026-11-25' })
  // Accounting packages (and PostgreSQL's date type before year 1) take nothing outside this range.
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'must be between 1900 and 2999');

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
