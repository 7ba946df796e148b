-- Before the database holds an invoice to one unfinished batch (next migration): where batches made at the
-- same moment took the same invoice, it stays in the batch furthest along (queued or running first, then
-- the oldest) and is skipped in the others, where it shows as skipped and can go in a later batch.
UPDATE "batch_items" SET "status" = 'skipped', "updated_at" = now()
WHERE "id" IN (
  SELECT "id" FROM (
    SELECT bi."id", row_number() OVER (
      PARTITION BY bi."invoice_id"
      ORDER BY CASE WHEN b."status" IN ('queued', 'running') THEN 0 ELSE 1 END, b."created_at", b."id"
    ) AS rn
    FROM "batch_items" bi JOIN "batches" b ON b."id" = bi."batch_id"
    WHERE bi."status" IN ('pending', 'sending')
  ) ranked
  WHERE rn > 1
);
