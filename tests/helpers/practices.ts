// Two walled-off practices in one database, each with its own API key, for API tests.

import { seedPractice } from '../../addon/demo/seed.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import type { Database } from '../../db/client.ts';

export interface TwoPractices {
  a: { id: string; key: string };
  b: { id: string; key: string };
}

export async function seedTwoPractices(database: Database): Promise<TwoPractices> {
  const aId = await seedPractice(database.db, { name: 'Practice A', seed: 1, adminEmail: 'a@example.test' });
  const bId = await seedPractice(database.db, { name: 'Practice B', seed: 2, adminEmail: 'b@example.test' });
  return {
    a: { id: aId, key: await createApiKey(database.db, aId, 'tests') },
    b: { id: bId, key: await createApiKey(database.db, bId, 'tests') },
  };
}
