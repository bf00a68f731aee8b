import { type RawBuilder, sql } from 'kysely';
import type { Queryable } from '../platform/db.ts';

/**
 * `isOwed` of reciprocity.rules.ts in SQL, over the received and given count expressions: the
 * one place the ledger and the agenda's give-back query state the condition.
 */
export function isOwedSql(
  received: RawBuilder<unknown>,
  given: RawBuilder<unknown>,
  threshold: number,
): RawBuilder<boolean> {
  return sql<boolean>`(${received}) - (${given}) >= ${threshold}`;
}

/**
 * Every exchange of the practice, all time: one row per referral received (from its referrer)
 * and per referral given (to its partner), and an empty row per partner, so a partner with no
 * exchange yet is in the ledger too. The ledger and the owed count read the same rows.
 */
const exchanges = (practiceId: string) => sql`
      select referrer_id as contact_id, 1 as received, 0 as given, received_at as at
        from referral where practice_id = ${practiceId} and referrer_id is not null
      union all
      select partner_id, 0, 1, given_at
        from referral_given where practice_id = ${practiceId}
      union all
      select contact_id, 0, 0, null
        from contact_role where practice_id = ${practiceId} and role = 'partner'`;

export type LedgerRow = {
  id: string;
  name: string;
  organization: string | null;
  category_id: string | null;
  category_name: string | null;
  received: number | string;
  given: number | string;
  last_exchange_at: string | null;
};

/**
 * The reciprocity ledger in one grouped query (§3.5): every partner and every contact with an
 * exchange, with counts received and given, the last exchange, owed first (balance ≥
 * threshold), then by balance, then by name.
 */
export async function listLedgerRows(
  db: Queryable,
  practiceId: string,
  threshold: number,
  isOwedOnly: boolean,
): Promise<LedgerRow[]> {
  const owed = isOwedSql(sql`sum(ex.received)`, sql`sum(ex.given)`, threshold);
  const owedOnly = isOwedOnly ? sql`having ${owed}` : sql``;
  const result = await sql<LedgerRow>`
    with ex as (${exchanges(practiceId)})
    select c.id, c.name, c.organization, cat.id as category_id, cat.name as category_name,
           sum(ex.received) as received, sum(ex.given) as given, max(ex.at) as last_exchange_at
      from ex
      join contact c on c.practice_id = ${practiceId} and c.id = ex.contact_id
      left join category cat on cat.practice_id = c.practice_id and cat.id = c.category_id
     group by c.id, c.name, c.name_key, c.organization, cat.id, cat.name
     ${owedOnly}
     order by case when ${owed} then 0 else 1 end,
              sum(ex.received) - sum(ex.given) desc, c.name_key, c.id
  `.execute(db);
  return result.rows;
}

/**
 * How many people the practice owes a referral back: the ledger's owed rows (`isOwedSql`, all
 * time), counted without listing them. Insights says this number; the ledger lists them.
 */
export async function countOwed(
  db: Queryable,
  practiceId: string,
  threshold: number,
): Promise<number> {
  const owed = isOwedSql(sql`sum(ex.received)`, sql`sum(ex.given)`, threshold);
  const result = await sql<{ owed: number | string }>`
    with ex as (${exchanges(practiceId)})
    select count(*) as owed from (
      select ex.contact_id
        from ex
        join contact c on c.practice_id = ${practiceId} and c.id = ex.contact_id
       group by ex.contact_id
      having ${owed}) o
  `.execute(db);
  return Number(result.rows[0]?.owed ?? 0);
}
