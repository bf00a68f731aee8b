import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

export type RecordedQuery = { sql: string; parameters: unknown[] };

/**
 * The raw-SQL floor: the same data as the API's answers, fetched with hand-written prepared
 * statements and no framework, ORM, validation or authentication. What the app adds on top
 * of this is the overhead the benchmark's ratios measure.
 */
export function sqliteFloor(file: string, practiceId: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

  const contactPage = db.prepare(
    `select * from contact where practice_id = ? and stage = ? and category_id = ?
     order by name_key, id limit ?`,
  );
  const rolesOf = (ids: string[]) =>
    db
      .prepare(
        `select contact_id, role from contact_role where practice_id = ? and contact_id in (${placeholders(ids.length)})`,
      )
      .all(practiceId, ...ids);
  const circlesOf = (ids: string[]) =>
    db
      .prepare(
        `select cc.contact_id, c.id, c.name from contact_circle cc join circle c on c.practice_id = cc.practice_id and c.id = cc.circle_id
         where cc.practice_id = ? and cc.contact_id in (${placeholders(ids.length)})`,
      )
      .all(practiceId, ...ids);
  const category = db.prepare(
    'select id, name, created_at from category where practice_id = ? and id = ?',
  );

  function listContacts(stage: string, categoryId: string, limit: number) {
    const rows = contactPage.all(practiceId, stage, categoryId, limit + 1) as { id: string }[];
    const page = rows.slice(0, limit);
    const ids = page.map((r) => r.id);
    const roles = ids.length ? rolesOf(ids) : [];
    const circles = ids.length ? circlesOf(ids) : [];
    const cat = category.get(practiceId, categoryId);
    return {
      items: page.map((r) => ({
        ...r,
        category: cat,
        roles: roles.filter((x) => (x as { contact_id: string }).contact_id === r.id),
        circles: circles.filter((x) => (x as { contact_id: string }).contact_id === r.id),
      })),
      nextCursor: rows.length > limit ? 'x' : null,
    };
  }

  const counts = db.prepare(
    'select status, count(*) n from referral where practice_id = ? group by status',
  );
  const openColumn = db.prepare(
    'select * from referral where practice_id = ? and status = ? order by received_at, id limit ?',
  );
  const doneColumn = (statuses: string[]) =>
    db.prepare(
      `select * from referral where practice_id = ? and status in (${placeholders(statuses.length)})
       order by status_changed_at desc, id desc limit ?`,
    );
  const clientColumn = doneColumn(['client']);
  const closedColumn = doneColumn(['not_a_fit', 'declined', 'no_response']);
  const namesOf = (ids: string[]) =>
    db
      .prepare(
        `select id, name from contact where practice_id = ? and id in (${placeholders(ids.length)})`,
      )
      .all(practiceId, ...ids);
  const tagsOf = (ids: string[]) =>
    db
      .prepare(
        `select referral_id, tag from referral_tag where practice_id = ? and referral_id in (${placeholders(ids.length)})`,
      )
      .all(practiceId, ...ids);

  function board(limit: number) {
    const totals = counts.all(practiceId);
    const columns = [
      openColumn.all(practiceId, 'new', limit),
      openColumn.all(practiceId, 'contacted', limit),
      openColumn.all(practiceId, 'meeting', limit),
      clientColumn.all(practiceId, 'client', limit),
      closedColumn.all(practiceId, 'not_a_fit', 'declined', 'no_response', limit),
    ] as { id: string; referrer_id: string | null; referred_id: string }[][];
    const all = columns.flat();
    const people = new Set(
      all.flatMap((r) => (r.referrer_id ? [r.referrer_id, r.referred_id] : [r.referred_id])),
    );
    const names = namesOf([...people]);
    const tags = tagsOf(all.map((r) => r.id));
    return { totals, columns, names, tags };
  }

  const interactionsOf = db.prepare(
    'select * from interaction where practice_id = ? and contact_id = ? order by occurred_at desc',
  );
  const stagesOf = db.prepare(
    'select * from stage_change where practice_id = ? and contact_id = ? order by changed_at desc',
  );
  const sentBy = db.prepare('select * from referral where practice_id = ? and referrer_id = ?');
  const about = db.prepare('select * from referral where practice_id = ? and referred_id = ?');
  const givenTo = db.prepare(
    'select * from referral_given where practice_id = ? and partner_id = ?',
  );
  const givenAbout = db.prepare(
    'select * from referral_given where practice_id = ? and person_id = ?',
  );
  const eventsOf = (ids: string[]) =>
    db
      .prepare(
        `select * from referral_event where practice_id = ? and referral_id in (${placeholders(ids.length)})`,
      )
      .all(practiceId, ...ids);

  function timeline(contactId: string) {
    const sent = sentBy.all(practiceId, contactId) as { id: string }[];
    const aboutThem = about.all(practiceId, contactId) as { id: string }[];
    const ids = [...sent, ...aboutThem].map((r) => r.id);
    return {
      interactions: interactionsOf.all(practiceId, contactId),
      stages: stagesOf.all(practiceId, contactId),
      sent,
      about: aboutThem,
      givenTo: givenTo.all(practiceId, contactId),
      givenAbout: givenAbout.all(practiceId, contactId),
      events: ids.length ? eventsOf(ids) : [],
    };
  }

  const insertReferral = db.prepare(
    `insert into referral (practice_id, id, referrer_id, referred_id, received_at, channel, circle_id, place, need,
      value_minor, currency, consent_to_update, warm_handoff, status, status_changed_at, owner_id, created_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'phone', null, null, ?, null, 'USD', 0, 0, 'new', ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare(
    'insert into referral_tag (practice_id, referral_id, tag) values (?, ?, ?)',
  );
  const insertEvent = db.prepare(
    `insert into referral_event (practice_id, id, referral_id, kind, from_status, to_status, at, by, note)
     values (?, ?, ?, 'created', null, 'new', ?, ?, null)`,
  );
  const stageOf = db.prepare('select stage from contact where practice_id = ? and id = ?');
  const promote = db.prepare(
    "update contact set stage = 'refers', stage_rank = 4, updated_at = ? where practice_id = ? and id = ?",
  );
  const insertStage = db.prepare(
    `insert into stage_change (practice_id, id, contact_id, from_stage, to_stage, changed_at, changed_by, reason)
     values (?, ?, ?, ?, 'refers', ?, ?, 'first referral received')`,
  );
  const createTx = db.transaction((referrerId: string, referredId: string, userId: string) => {
    const now = new Date().toISOString();
    const id = randomUUID();
    if (!stageOf.get(practiceId, referredId)) throw new Error('no such contact');
    insertReferral.run(
      practiceId,
      id,
      referrerId,
      referredId,
      now,
      'bench need',
      now,
      userId,
      userId,
      now,
      now,
    );
    insertTag.run(practiceId, id, 'bench');
    insertEvent.run(practiceId, randomUUID(), id, now, userId);
    const referrer = stageOf.get(practiceId, referrerId) as { stage: string } | undefined;
    if (referrer && referrer.stage !== 'refers') {
      promote.run(now, practiceId, referrerId);
      insertStage.run(practiceId, randomUUID(), referrerId, referrer.stage, now, userId);
    }
    return { id, status: 'new', receivedAt: now };
  });

  // The intake form (§3.9): the link, its hour's count, the email, then the person, their
  // referral and the submission, in one transaction.
  const linkByCode = db.prepare(
    'select id, contact_id from referral_link where code = ? and revoked_at is null',
  );
  const linkHour = db.prepare(
    `select count(*) as n, min(submitted_at) as first from intake_submission
     where practice_id = ? and link_id = ? and submitted_at >= ?`,
  );
  const contactByEmail = db.prepare(
    'select id from contact where practice_id = ? and email_key = ?',
  );
  const insertContact = db.prepare(
    `insert into contact (practice_id, id, name, name_key, email, email_key, phone, stage, stage_rank,
      email_consent, do_not_ask, is_treating_provider, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, null, 'met', 1, 0, 0, 0, ?, ?)`,
  );
  const insertRole = db.prepare(
    "insert into contact_role (practice_id, contact_id, role) values (?, ?, 'prospect')",
  );
  const insertMet = db.prepare(
    `insert into stage_change (practice_id, id, contact_id, from_stage, to_stage, changed_at, changed_by, reason)
     values (?, ?, ?, null, 'met', ?, ?, null)`,
  );
  const insertIntakeReferral = db.prepare(
    `insert into referral (practice_id, id, referrer_id, referred_id, received_at, channel, circle_id, place, need,
      value_minor, currency, consent_to_update, warm_handoff, status, status_changed_at, owner_id, intake_link_id,
      created_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'intake_link', null, null, ?, null, 'USD', 1, 0, 'new', ?, ?, ?, ?, ?, ?)`,
  );
  const insertSubmission = db.prepare(
    `insert into intake_submission (practice_id, id, link_id, referral_id, submitted_at)
     values (?, ?, ?, ?, ?)`,
  );
  const intakeTx = db.transaction((code: string, name: string, email: string, userId: string) => {
    const now = new Date().toISOString();
    const link = linkByCode.get(code) as { id: string; contact_id: string | null } | undefined;
    if (!link) throw new Error('no such link');
    linkHour.get(practiceId, link.id, new Date(Date.now() - 3_600_000).toISOString());
    const emailKey = email.toLowerCase();
    const known = contactByEmail.get(practiceId, emailKey) as { id: string } | undefined;
    let personId = known?.id;
    if (!personId) {
      personId = randomUUID();
      insertContact.run(practiceId, personId, name, name.toLowerCase(), email, emailKey, now, now);
      insertRole.run(practiceId, personId);
      insertMet.run(practiceId, randomUUID(), personId, now, userId);
    }
    const id = randomUUID();
    insertIntakeReferral.run(
      practiceId,
      id,
      link.contact_id,
      personId,
      now,
      'bench need',
      now,
      userId,
      link.id,
      userId,
      now,
      now,
    );
    insertEvent.run(practiceId, randomUUID(), id, now, userId);
    insertSubmission.run(practiceId, randomUUID(), link.id, id, now);
    return { received: true };
  });

  const replayed = new Map<string, Database.Statement[]>();
  /** Runs a recorded query set one after another (SQLite has one connection), as prepared statements. */
  function replay(name: string, set: RecordedQuery[]) {
    let statements = replayed.get(name);
    if (!statements) {
      statements = set.map((q) => db.prepare(q.sql));
      replayed.set(name, statements);
    }
    return statements.map((statement, i) =>
      statement.all(...((set[i]?.parameters ?? []) as unknown[])),
    );
  }

  return {
    replay,
    listContacts,
    board,
    timeline,
    createReferral: (referrerId: string, referredId: string, userId: string) =>
      createTx(referrerId, referredId, userId),
    intake: (code: string, name: string, email: string, userId: string) =>
      intakeTx(code, name, email, userId),
    close: () => db.close(),
  };
}
