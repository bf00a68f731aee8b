import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The raw-SQL floor on PostgreSQL: the same query sets as floor-sqlite.ts, as named prepared
 * statements on a small pool, no framework. See floor-sqlite.ts for what each one returns.
 * Each execution is planned for its own parameters, as the app's unnamed statements are: after
 * five runs PostgreSQL may otherwise switch a prepared statement to a generic plan, blind to
 * the date range, which made the floor slower than the app it bounds (insights: 185 vs 137 ms).
 */
export function postgresFloor(url: string, practiceId: string) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c plan_cache_mode=force_custom_plan',
  });
  const q = async (name: string, text: string, values: unknown[]) =>
    (await pool.query({ name, text, values })).rows as Record<string, unknown>[];
  const ids = (rows: Record<string, unknown>[], key = 'id') => rows.map((r) => r[key] as string);

  async function listContacts(stage: string, categoryId: string, limit: number) {
    const rows = await q(
      'contacts',
      `select * from contact where practice_id = $1 and stage = $2 and category_id = $3
       order by name_key, id limit $4`,
      [practiceId, stage, categoryId, limit + 1],
    );
    const page = rows.slice(0, limit);
    const list = ids(page);
    const [roles, circles, category] = await Promise.all([
      q(
        'roles',
        'select contact_id, role from contact_role where practice_id = $1 and contact_id = any($2)',
        [practiceId, list],
      ),
      q(
        'circles',
        `select cc.contact_id, c.id, c.name from contact_circle cc join circle c on c.practice_id = cc.practice_id and c.id = cc.circle_id
         where cc.practice_id = $1 and cc.contact_id = any($2)`,
        [practiceId, list],
      ),
      q(
        'category',
        'select id, name, created_at from category where practice_id = $1 and id = $2',
        [practiceId, categoryId],
      ),
    ]);
    return {
      items: page.map((r) => ({
        ...r,
        category: category[0],
        roles: roles.filter((x) => x.contact_id === r.id),
        circles: circles.filter((x) => x.contact_id === r.id),
      })),
      nextCursor: rows.length > limit ? 'x' : null,
    };
  }

  async function board(limit: number) {
    const open = (status: string) =>
      q(
        'open_col',
        'select * from referral where practice_id = $1 and status = $2 order by received_at, id limit $3',
        [practiceId, status, limit],
      );
    const done = (status: string) =>
      q(
        'done_col',
        'select * from referral where practice_id = $1 and status = $2 order by status_changed_at desc, id desc limit $3',
        [practiceId, status, limit],
      );
    const [totals, ...columns] = await Promise.all([
      q(
        'counts',
        'select status, count(*) n from referral where practice_id = $1 group by status',
        [practiceId],
      ),
      open('new'),
      open('contacted'),
      open('meeting'),
      done('client'),
      done('not_a_fit'),
      done('declined'),
      done('no_response'),
    ]);
    const all = columns.flat();
    const people = [
      ...new Set(all.flatMap((r) => [r.referrer_id, r.referred_id].filter(Boolean) as string[])),
    ];
    const [names, tags] = await Promise.all([
      q('names', 'select id, name from contact where practice_id = $1 and id = any($2)', [
        practiceId,
        people,
      ]),
      q(
        'tags',
        'select referral_id, tag from referral_tag where practice_id = $1 and referral_id = any($2)',
        [practiceId, ids(all)],
      ),
    ]);
    return { totals, columns, names, tags };
  }

  async function timeline(contactId: string) {
    const [interactions, stages, sent, about, givenTo, givenAbout] = await Promise.all([
      q(
        't_int',
        'select * from interaction where practice_id = $1 and contact_id = $2 order by occurred_at desc',
        [practiceId, contactId],
      ),
      q(
        't_stage',
        'select * from stage_change where practice_id = $1 and contact_id = $2 order by changed_at desc',
        [practiceId, contactId],
      ),
      q('t_sent', 'select * from referral where practice_id = $1 and referrer_id = $2', [
        practiceId,
        contactId,
      ]),
      q('t_about', 'select * from referral where practice_id = $1 and referred_id = $2', [
        practiceId,
        contactId,
      ]),
      q('t_gto', 'select * from referral_given where practice_id = $1 and partner_id = $2', [
        practiceId,
        contactId,
      ]),
      q('t_gab', 'select * from referral_given where practice_id = $1 and person_id = $2', [
        practiceId,
        contactId,
      ]),
    ]);
    const events = await q(
      't_ev',
      'select * from referral_event where practice_id = $1 and referral_id = any($2)',
      [practiceId, [...ids(sent), ...ids(about)]],
    );
    return { interactions, stages, sent, about, givenTo, givenAbout, events };
  }

  async function createReferral(referrerId: string, referredId: string, userId: string) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const now = new Date().toISOString();
      const id = randomUUID();
      const run = (name: string, text: string, values: unknown[]) =>
        client.query({ name, text, values });
      const referred = await run(
        'c_stage',
        'select stage from contact where practice_id = $1 and id = $2',
        [practiceId, referredId],
      );
      if (referred.rowCount === 0) throw new Error('no such contact');
      await run(
        'c_ins',
        `insert into referral (practice_id, id, referrer_id, referred_id, received_at, channel, circle_id, place, need,
          value_minor, currency, consent_to_update, warm_handoff, status, status_changed_at, owner_id, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'phone', null, null, $6, null, 'USD', 0, 0, 'new', $5, $7, $7, $5, $5)`,
        [practiceId, id, referrerId, referredId, now, 'bench need', userId],
      );
      await run(
        'c_tag',
        'insert into referral_tag (practice_id, referral_id, tag) values ($1, $2, $3)',
        [practiceId, id, 'bench'],
      );
      await run(
        'c_ev',
        `insert into referral_event (practice_id, id, referral_id, kind, from_status, to_status, at, by, note)
         values ($1, $2, $3, 'created', null, 'new', $4, $5, null)`,
        [practiceId, randomUUID(), id, now, userId],
      );
      const referrer = await run(
        'c_stage',
        'select stage from contact where practice_id = $1 and id = $2',
        [practiceId, referrerId],
      );
      const stage = referrer.rows[0]?.stage as string | undefined;
      if (stage && stage !== 'refers') {
        await run(
          'c_up',
          "update contact set stage = 'refers', stage_rank = 4, updated_at = $1 where practice_id = $2 and id = $3",
          [now, practiceId, referrerId],
        );
        await run(
          'c_sc',
          `insert into stage_change (practice_id, id, contact_id, from_stage, to_stage, changed_at, changed_by, reason)
           values ($1, $2, $3, $4, 'refers', $5, $6, 'first referral received')`,
          [practiceId, randomUUID(), referrerId, stage, now, userId],
        );
      }
      await client.query('commit');
      return { id, status: 'new', receivedAt: now };
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  /** The intake form, as floor-sqlite.ts: the link held for its count, then the writes. */
  async function intake(code: string, name: string, email: string, userId: string) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const now = new Date().toISOString();
      const run = (stmt: string, text: string, values: unknown[]) =>
        client.query({ name: stmt, text, values });
      const link = (
        await run(
          'i_link',
          'select id, contact_id from referral_link where code = $1 and revoked_at is null for no key update',
          [code],
        )
      ).rows[0] as { id: string; contact_id: string | null } | undefined;
      if (!link) throw new Error('no such link');
      await run(
        'i_hour',
        `select count(*) as n, min(submitted_at) as first from intake_submission
         where practice_id = $1 and link_id = $2 and submitted_at >= $3`,
        [practiceId, link.id, new Date(Date.now() - 3_600_000).toISOString()],
      );
      const emailKey = email.toLowerCase();
      const known = (
        await run('i_email', 'select id from contact where practice_id = $1 and email_key = $2', [
          practiceId,
          emailKey,
        ])
      ).rows[0] as { id: string } | undefined;
      let personId = known?.id;
      if (!personId) {
        personId = randomUUID();
        await run(
          'i_contact',
          `insert into contact (practice_id, id, name, name_key, email, email_key, phone, stage, stage_rank,
            email_consent, do_not_ask, is_treating_provider, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, null, 'met', 1, 0, 0, 0, $7, $7)`,
          [practiceId, personId, name, name.toLowerCase(), email, emailKey, now],
        );
        await run(
          'i_role',
          "insert into contact_role (practice_id, contact_id, role) values ($1, $2, 'prospect')",
          [practiceId, personId],
        );
        await run(
          'i_met',
          `insert into stage_change (practice_id, id, contact_id, from_stage, to_stage, changed_at, changed_by, reason)
           values ($1, $2, $3, null, 'met', $4, $5, null)`,
          [practiceId, randomUUID(), personId, now, userId],
        );
      }
      const id = randomUUID();
      await run(
        'i_ref',
        `insert into referral (practice_id, id, referrer_id, referred_id, received_at, channel, circle_id, place, need,
          value_minor, currency, consent_to_update, warm_handoff, status, status_changed_at, owner_id, intake_link_id,
          created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'intake_link', null, null, $6, null, 'USD', 1, 0, 'new', $5, $7, $8, $7, $5, $5)`,
        [practiceId, id, link.contact_id, personId, now, 'bench need', userId, link.id],
      );
      await run(
        'i_ev',
        `insert into referral_event (practice_id, id, referral_id, kind, from_status, to_status, at, by, note)
         values ($1, $2, $3, 'created', null, 'new', $4, $5, null)`,
        [practiceId, randomUUID(), id, now, userId],
      );
      await run(
        'i_sub',
        `insert into intake_submission (practice_id, id, link_id, referral_id, submitted_at)
         values ($1, $2, $3, $4, $5)`,
        [practiceId, randomUUID(), link.id, id, now],
      );
      await client.query('commit');
      return { received: true };
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs a recorded query set as named prepared statements, concurrently on the pool (as the app does). */
  async function replay(name: string, set: { sql: string; parameters: unknown[] }[]) {
    return Promise.all(set.map((query, i) => q(`${name}_${i}`, query.sql, query.parameters)));
  }

  return {
    replay,
    listContacts,
    board,
    timeline,
    createReferral,
    intake,
    pool,
    close: () => pool.end(),
  };
}
