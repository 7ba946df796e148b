import { z } from 'zod';
import { Id } from './common.ts';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const ClientInput = z
  .object({
    clientCode: text(30).min(1, 'is required'),
    name: text(200).min(1, 'is required'),
    email: z
      .email({ error: 'must be an email address' })
      .max(254)
      .nullish()
      .transform((v) => v ?? null),
    addressLine1: optionalText(200),
    addressLine2: optionalText(200),
    city: optionalText(100),
    region: optionalText(100),
    postcode: optionalText(20),
    country: optionalText(100),
  })
  .strict();

export const Client = z
  .object({
    id: Id,
    clientCode: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postcode: z.string().nullable(),
    country: z.string().nullable(),
  })
  .meta({ id: 'Client' });

export const JobInput = z
  .object({
    code: text(30).min(1, 'is required'),
    name: text(200).min(1, 'is required'),
    clientId: Id,
    officeId: Id,
    jobTypeId: Id.nullish().transform((v) => v ?? null),
    departmentId: Id.nullish().transform((v) => v ?? null),
  })
  .strict();

export const Job = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    clientId: Id,
    officeId: Id,
    jobTypeId: Id.nullable(),
    departmentId: Id.nullable(),
  })
  .meta({ id: 'Job' });

export type Client = z.infer<typeof Client>;
export type Job = z.infer<typeof Job>;
