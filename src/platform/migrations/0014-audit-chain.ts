import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type ChainRow, chainHash, detailHashOf } from '../audit.ts';

type Tables = {
  audit_log: ChainRow & { detail: string | null; hash: string };
  audit_head: { practice_id: string; seq: number; hash: string | null };
};

/**
 * Details written before audit details held ids only could name a person (a message's `toName`,
 * an export's search text `filter.q`), which an erasure could not find: they are written the
 * way new rows are before they are chained.
 */
function scrubDetail(detail: string | null): string | null {
  if (detail === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return detail;
  const { toName: _name, filter, ...rest } = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (typeof filter === 'object' && filter !== null && !Array.isArray(filter)) {
    const { q, ...fields } = filter as Record<string, unknown>;
    out.filter = fields;
    if (q) out.textSearch = true;
  } else if (filter !== undefined) out.filter = filter;
  return JSON.stringify(out);
}

/**
 * Issue 9 §6: each practice's audit rows form a hash chain. `seq` orders a practice's chain,
 * `detail_hash` lets a row whose detail was erased still verify, and `audit_head` holds each
 * chain's last link. Existing rows are chained in the order they were written.
 */
export const auditChain: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Tables>;
    await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
    for (const column of ['prev_hash', 'hash', 'detail_hash'])
      await db.schema.alterTable('audit_log').addColumn(column, 'text').execute();
    await db.schema
      .createTable('audit_head')
      .addColumn('practice_id', 'text', (c) =>
        c.primaryKey().references('practice.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text')
      .execute();
    const rows = await db
      .selectFrom('audit_log')
      .select([
        'practice_id',
        'id',
        'user_id',
        'action',
        'subject_type',
        'subject_id',
        'detail',
        'created_at',
      ])
      .orderBy('practice_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const { detail: written, ...row } of rows) {
      const head = heads.get(row.practice_id);
      const detail = scrubDetail(written);
      const link: ChainRow = {
        ...row,
        seq: (head?.seq ?? 0) + 1,
        prev_hash: head?.hash ?? null,
        detail_hash: detailHashOf(detail),
      };
      const hash = chainHash(link);
      await db
        .updateTable('audit_log')
        .set({
          seq: link.seq,
          prev_hash: link.prev_hash,
          detail_hash: link.detail_hash,
          hash,
          detail,
        })
        .where('practice_id', '=', row.practice_id)
        .where('id', '=', row.id)
        .execute();
      heads.set(row.practice_id, { seq: link.seq, hash });
    }
    for (const [practiceId, head] of heads)
      await db
        .insertInto('audit_head')
        .values({ practice_id: practiceId, seq: head.seq, hash: head.hash })
        .execute();
    // One row per place in a chain: even a writer that skipped the head could not fork it.
    await db.schema
      .createIndex('audit_log_chain')
      .unique()
      .on('audit_log')
      .columns(['practice_id', 'seq'])
      .execute();
  },
};
