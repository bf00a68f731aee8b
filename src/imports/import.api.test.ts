/**
 * Imports through the API (issue 13 points 3–8) on both databases: upload → preview → start →
 * the worker → summary; duplicates skipped or filled (never overwriting); invalid rows with
 * their lines; undo; bad files leaving nothing behind; another practice's ids; a member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { type Caller, seedMember, testTargets } from '../test-support/testing.ts';
import { batchSizes } from './import.rules.ts';
import type { Import, ImportPreview, UploadedImport } from './import.schemas.ts';
import { type ImportWorker, runImport, startImportWorker } from './import.worker.ts';

/** A Google Contacts export (current columns) with one column the detector leaves out. */
const googleHeader =
  'First Name,Last Name,Organization Name,Notes,Labels,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value,Work Phone';
const googleCsv = [
  googleHeader,
  'Ana,Alves,Alves & Co,Met at the fair,* myContacts ::: Friends,ana@example.com,ana.alt@example.com,+1 312 555 0101,',
  'Ben,Brown,,,* myContacts ::: Golf Club,ben@example.com,,,+44 20 7946 0000',
  'Maya,Lopez,Somewhere Else,,,MAYA@example.com,,,',
  'Paul,Phone,,,,,,(312) 555-0199,',
  'Ana,Again,,,,ANA@EXAMPLE.COM,,,',
  'Bad,Email,,,,maya@,,,',
  ',,,,,,,,',
  'Cara,Cole,"Cole, ""Quoted"" Ltd","line one',
  'line two",,cara@example.com,,,',
  'Dan,Doe,,,Golf club,dan@example.com,,,',
  ',,,just a note,,,,,',
].join('\r\n');

const vcards = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Vera Card',
  'N:Card;Vera;;;',
  'EMAIL;TYPE=INTERNET:vera@example.com',
  'TEL;TYPE=CELL:+1 415 555 0142',
  'ORG:Card Co',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Walt Card',
  'N:Card;Walt;;;',
  'EMAIL:walt@example.com',
  'END:VCARD',
  '',
].join('\r\n');

describe.each(testTargets)('imports (%s)', (target) => {
  const clock = fixedClock('2026-06-01T09:00:00.000Z');
  // A low limit (about 52 KB), so that "too large" is cheap to send.
  const ctx = useTestContext(target, { clock, env: { VOUCH_IMPORT_MAX_MB: '0.05' } });
  const [a, b] = usePractices(ctx, ['Import Practice', 'Other Practice']);
  let worker: ImportWorker;
  let maya: ContactDetail;
  let pat: ContactDetail;
  let friends: { id: string };
  let category: { id: string };

  beforeAll(async () => {
    worker = await startImportWorker(ctx.deps, { clock, pollMs: 50 });
    maya = await ok(a.session, 'POST', '/contacts', {
      name: 'Maya Lopez',
      email: 'maya@example.com',
      organization: 'Typed Org',
    });
    pat = await ok(a.session, 'POST', '/contacts', { name: 'Pat Phone', phone: '312.555.0199' });
    friends = await ok(a.session, 'POST', '/circles', { name: 'FRIENDS' });
    category = await ok(a.session, 'POST', '/categories', { name: 'Accountants' });
  });
  afterAll(async () => worker?.close());

  const upload = (who: Caller, body: string, fileName = 'contacts.csv') =>
    who.request('POST', `/imports?fileName=${encodeURIComponent(fileName)}`, body, {
      'content-type': 'text/csv',
    });
  const uploaded = async (who: Caller, body: string, fileName?: string) => {
    const res = await upload(who, body, fileName);
    const text = await res.text();
    expect(res.status, text).toBe(201);
    return JSON.parse(text) as UploadedImport;
  };

  /** Runs the worker until the import is done (PostgreSQL: pg-boss runs it on its own time). */
  async function finished(id: string, who: Caller = a.session): Promise<Import> {
    for (let i = 0; i < 400; i++) {
      await worker.drain();
      const imp = await ok<Import>(who, 'GET', `/imports/${id}`);
      if (imp.status === 'done' || imp.status === 'failed') return imp;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import ${id} did not finish`);
  }

  const count = async (table: 'import_batch' | 'import_chunk' | 'import_problem' | 'contact') =>
    Number(
      (
        await ctx.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const contactByEmail = async (email: string) => {
    const page = await ok<{ items: ContactDetail[] }>(
      a.session,
      'GET',
      `/contacts?q=${encodeURIComponent(email)}`,
    );
    const found = page.items.find((c) => c.email === email);
    return found ? ok<ContactDetail>(a.session, 'GET', `/contacts/${found.id}`) : null;
  };

  let imported: Import;

  it('reads a Google CSV, suggests its mapping and previews the first rows, writing nothing', async () => {
    const contactsBefore = await count('contact');
    const up = await uploaded(a.session, googleCsv, 'google.csv');
    expect(up).toMatchObject({
      fileName: 'google.csv',
      format: 'google',
      status: 'uploaded',
      rowsTotal: 9,
      rowsDone: 0,
      perSecond: null,
      createdBy: { id: a.userId },
      headers: googleHeader.split(','),
      mappingProblem: null,
      summary: { created: 0, merged: 0, skipped: 0, invalid: 0 },
      undo: null,
    });
    expect(up.mapping).toEqual([
      'givenName',
      'familyName',
      'organization',
      'notes',
      'labels',
      'email',
      'email',
      'phone',
      'ignore',
    ]);
    const rows = up.preview.rows.map((r) => [r.line, r.outcome, r.reason]);
    expect(rows).toEqual([
      [2, 'new', null],
      [3, 'new', null],
      [4, 'duplicate', 'same email as Maya Lopez'],
      [5, 'duplicate', 'same phone as Pat Phone'],
      [6, 'duplicate', 'same email as Ana Alves on line 2 of this file'],
      [7, 'invalid', 'E-mail 1 - Value is not an email address'],
      [9, 'new', null],
      [11, 'new', null],
      [12, 'invalid', expect.stringContaining('no name, email or phone')],
    ]);
    expect(up.preview.counts).toEqual({ new: 4, duplicate: 3, invalid: 2 });
    expect(up.preview.rows[0]).toMatchObject({
      cells: googleCsv.split('\r\n')[1]?.split(','),
      candidate: {
        name: 'Ana Alves',
        emails: ['ana@example.com', 'ana.alt@example.com'],
        labels: ['Friends'],
      },
    });
    expect(up.preview.rows[6]?.cells?.[3]).toBe('line one\r\nline two');
    expect(await count('contact')).toBe(contactsBefore);

    // Another mapping: the work phone is a phone after all.
    const mapping = [...up.mapping.slice(0, 8), 'phone'];
    const preview = await ok<ImportPreview>(a.session, 'POST', `/imports/${up.id}/preview`, {
      mapping,
    });
    expect(preview.rows[1]?.candidate?.phones).toEqual(['+44 20 7946 0000']);
    expect(preview.rows[1]?.outcome).toBe('new');
    imported = up;
  });

  it('starts once, runs in the background and sums up what it did', async () => {
    const mapping = [...imported.mapping.slice(0, 8), 'phone'];
    const start = {
      mapping,
      defaults: {
        roles: ['colleague'],
        stage: 'knows',
        circleIds: [friends.id],
        categoryId: category.id,
      },
    };
    const res = await a.session.json<Import>('POST', `/imports/${imported.id}/start`, start);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', mapping });
    await expectProblem(
      await a.session.request('POST', `/imports/${imported.id}/start`, start),
      409,
      'conflict',
    );
    const done = await finished(imported.id);
    expect(done).toMatchObject({
      status: 'done',
      rowsTotal: 9,
      rowsDone: 9,
      perSecond: null,
      error: null,
      summary: { created: 4, merged: 0, skipped: 3, invalid: 2 },
    });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    // The file is gone with the job; the invalid rows stay, with their lines.
    expect(
      await ctx.deps.db
        .selectFrom('import_chunk')
        .select('seq')
        .where('import_id', '=', imported.id)
        .execute(),
    ).toEqual([]);
    const problems = await ok<{ items: { line: number; reason: string }[] }>(
      a.session,
      'GET',
      `/imports/${imported.id}/problems`,
    );
    expect(problems.items).toEqual([
      { line: 7, reason: 'E-mail 1 - Value is not an email address' },
      { line: 12, reason: expect.stringContaining('no name, email or phone') },
    ]);
    const page = await ok<{ items: unknown[]; nextCursor: string }>(
      a.session,
      'GET',
      `/imports/${imported.id}/problems?limit=1`,
    );
    const next = await ok<{ items: { line: number }[]; nextCursor: null }>(
      a.session,
      'GET',
      `/imports/${imported.id}/problems?limit=1&cursor=${page.nextCursor}`,
    );
    expect(next).toEqual({ items: [expect.objectContaining({ line: 12 })], nextCursor: null });

    const ana = await contactByEmail('ana@example.com');
    expect(ana).toMatchObject({
      name: 'Ana Alves',
      givenName: 'Ana',
      familyName: 'Alves',
      organization: 'Alves & Co',
      phone: '+1 312 555 0101',
      roles: ['colleague'],
      stage: 'knows',
      category: { id: category.id },
      emailConsent: false,
      notes: 'Met at the fair\n\nOther emails: ana.alt@example.com',
    });
    expect(ana?.circles.map((c) => c.name).sort()).toEqual(['FRIENDS']);
    expect(ana?.stageHistory.map((h) => [h.fromStage, h.toStage])).toEqual([[null, 'knows']]);
    const ben = await contactByEmail('ben@example.com');
    expect(ben?.phone).toBe('+44 20 7946 0000');
    expect(ben?.circles.map((c) => c.name).sort()).toEqual(['FRIENDS', 'Golf Club']);
    // "Golf club" on Dan's row is the circle Ben's row made: made once.
    const dan = await contactByEmail('dan@example.com');
    expect(dan?.circles.map((c) => c.name).sort()).toEqual(['FRIENDS', 'Golf Club']);
    const cara = await contactByEmail('cara@example.com');
    expect(cara).toMatchObject({ organization: 'Cole, "Quoted" Ltd', notes: 'line one\nline two' });
    // Duplicates were skipped: Maya is as the practice typed her.
    expect(await ok(a.session, 'GET', `/contacts/${maya.id}`)).toMatchObject({
      organization: 'Typed Org',
      updatedAt: maya.updatedAt,
    });
    const audit = await ok<{ items: { action: string; detail: unknown }[] }>(
      a.session,
      'GET',
      '/audit?action=import.finished',
    );
    expect(audit.items[0]?.detail).toEqual({
      rows: 9,
      created: 4,
      merged: 0,
      skipped: 3,
      invalid: 2,
    });
    const list = await ok<{ items: Import[] }>(a.session, 'GET', '/imports');
    expect(list.items.map((i) => i.id)).toContain(imported.id);
  });

  it('fills only the empty fields of duplicates, never overwriting, and skips repeats', async () => {
    clock.set('2026-06-01T10:00:00.000Z');
    const nina = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Nina Full',
      email: 'nina@example.com',
      phone: '555 123 4567',
      organization: 'Full Co',
      notes: 'Typed by hand.',
    });
    clock.set('2026-06-01T10:05:00.000Z');
    const csv = [
      'Name,Email,Phone,Company,Notes',
      'Maya L.,maya@example.com,+1 555 777 8888,Other Org,From the file',
      'Paul Phone,paul@example.com,(312) 555-0199,Phone Co,',
      'Zed New,zed@example.com,,,',
      'Maya Again,maya@example.com,,,',
      'Nina F,NINA@example.com,,Another Co,Another note',
    ].join('\n');
    const up = await uploaded(a.session, csv);
    expect(up.format).toBe('csv');
    await ok(a.session, 'POST', `/imports/${up.id}/start`, { duplicates: 'fill' });
    const done = await finished(up.id);
    // Maya and Paul lacked something the file had (merged); Nina lacked nothing (skipped), as
    // is Maya's second row (a repeat within the file).
    expect(done.summary).toEqual({ created: 1, merged: 2, skipped: 2, invalid: 0 });
    expect(await ok(a.session, 'GET', `/contacts/${maya.id}`)).toMatchObject({
      name: 'Maya Lopez',
      email: 'maya@example.com',
      organization: 'Typed Org',
      phone: '+1 555 777 8888',
      notes: 'From the file',
      updatedAt: '2026-06-01T10:05:00.000Z',
    });
    expect(await ok(a.session, 'GET', `/contacts/${pat.id}`)).toMatchObject({
      name: 'Pat Phone',
      email: 'paul@example.com',
      phone: '312.555.0199',
      organization: 'Phone Co',
    });
    // Nothing of Nina's was empty: she is untouched, not even her updatedAt.
    expect(await ok(a.session, 'GET', `/contacts/${nina.id}`)).toEqual(nina);
    expect(await contactByEmail('zed@example.com')).toMatchObject({ name: 'Zed New' });
  });

  it('undoes an import: untouched contacts go, an edited one and one with a referral stay', async () => {
    clock.set('2026-06-02T09:00:00.000Z');
    const [ana, ben, cara, dan] = await Promise.all(
      ['ana', 'ben', 'cara', 'dan'].map((n) => contactByEmail(`${n}@example.com`)),
    );
    await ok(a.session, 'PATCH', `/contacts/${ben?.id}`, { notes: 'Edited after the import.' });
    await ok(a.session, 'POST', '/referrals', {
      referred: { name: 'Rita Referred' },
      referrer: { contactId: cara?.id },
      channel: 'phone',
    });
    await expectProblem(
      await a.session.request('DELETE', `/imports/${imported.id}`),
      409,
      'conflict',
    );
    const undone = await ok<Import>(a.session, 'POST', `/imports/${imported.id}/undo`, {});
    expect(undone).toMatchObject({
      status: 'undone',
      undo: {
        removed: 2,
        kept: 2,
        reasons: [
          { reason: 'edited since the import', count: 1 },
          { reason: 'has referrals or other history', count: 1 },
        ],
      },
    });
    for (const gone of [ana, dan])
      await expectProblem(
        await a.session.request('GET', `/contacts/${gone?.id}`),
        404,
        'not_found',
      );
    for (const kept of [ben, cara]) await ok(a.session, 'GET', `/contacts/${kept?.id}`);
    const leftovers = await ctx.deps.db
      .selectFrom('contact_circle')
      .select('contact_id')
      .where('contact_id', 'in', [ana?.id ?? '', dan?.id ?? ''])
      .execute();
    expect(leftovers).toEqual([]);
    await expectProblem(
      await a.session.request('POST', `/imports/${imported.id}/undo`, {}),
      409,
      'conflict',
    );
    const audit = await ok<{ items: { detail: unknown }[] }>(
      a.session,
      'GET',
      '/audit?action=import.undone',
    );
    expect(audit.items[0]?.detail).toEqual({ removed: 2, kept: 2 });
  });

  it('resumes an undo that ended with its server, and only once it has gone silent', async () => {
    clock.set('2026-06-03T09:00:00.000Z');
    const csv = [
      'Name,Email',
      'Una Resume,una@example.com',
      'Vic Resume,vic@example.com',
      'Wes Resume,wes@example.com',
    ].join('\n');
    const up = await uploaded(a.session, csv);
    await ok(a.session, 'POST', `/imports/${up.id}/start`, {});
    await finished(up.id);
    const [una, vic, wes] = await Promise.all(
      ['una', 'vic', 'wes'].map((n) => contactByEmail(`${n}@example.com`)),
    );
    // A server ended mid-undo: the import is undone without a result, Una already removed.
    await ctx.deps.db
      .updateTable('import_batch')
      .set({ status: 'undone', undo: null, updated_at: clock.now().toISOString() })
      .where('id', '=', up.id)
      .execute();
    await ctx.deps.db
      .deleteFrom('contact')
      .where('id', '=', una?.id ?? '')
      .execute();
    // Still within the undo's time: it may be alive on another server.
    await expectProblem(
      await a.session.request('POST', `/imports/${up.id}/undo`, {}),
      409,
      'conflict',
    );
    clock.set('2026-06-03T09:03:00.000Z');
    const resumed = await ok<Import>(a.session, 'POST', `/imports/${up.id}/undo`, {});
    expect(resumed).toMatchObject({ status: 'undone', undo: { removed: 2, kept: 0 } });
    for (const gone of [vic, wes])
      await expectProblem(
        await a.session.request('GET', `/contacts/${gone?.id}`),
        404,
        'not_found',
      );
    // Finished now: nothing more to undo.
    await expectProblem(
      await a.session.request('POST', `/imports/${up.id}/undo`, {}),
      409,
      'conflict',
    );
  });

  it('imports vCards', async () => {
    const up = await uploaded(a.session, vcards, 'cards.vcf');
    expect(up).toMatchObject({ format: 'vcard', rowsTotal: 2, headers: [], mapping: [] });
    expect(up.preview.rows.map((r) => [r.line, r.outcome, r.cells])).toEqual([
      [1, 'new', null],
      [9, 'new', null],
    ]);
    await ok(a.session, 'POST', `/imports/${up.id}/start`, { defaults: { emailConsent: true } });
    expect((await finished(up.id)).summary).toMatchObject({ created: 2 });
    expect(await contactByEmail('vera@example.com')).toMatchObject({
      name: 'Vera Card',
      organization: 'Card Co',
      phone: '+1 415 555 0142',
      emailConsent: true,
    });
  });

  it('stores every character of a value as it was written', async () => {
    // Quotes, backslashes, braces, an emoji beyond 16 bits and letters of several scripts: the
    // batch travels to PostgreSQL as JSON, to SQLite as parameters.
    const name = { given: 'Zoë "Zee"', family: 'Müller\\Ōta {x} 😀' };
    const notes = 'line one\nΣ, "two" \\ {three}\ttab';
    const csv = [
      'First Name,Last Name,Organization Name,Notes,E-mail 1 - Value',
      `"${name.given.replaceAll('"', '""')}",${name.family},"O'Brien, ""&"" Söhne","${notes.replaceAll('"', '""')}",zoe.chars@example.com`,
    ].join('\r\n');
    const up = await uploaded(a.session, csv, 'chars.csv');
    await ok(a.session, 'POST', `/imports/${up.id}/start`, {});
    expect((await finished(up.id)).summary).toMatchObject({ created: 1 });
    expect(await contactByEmail('zoe.chars@example.com')).toMatchObject({
      name: `${name.given} ${name.family}`,
      givenName: name.given,
      familyName: name.family,
      organization: 'O\'Brien, "&" Söhne',
      notes,
    });
  });

  it('refuses bad files with a problem naming the file, and keeps nothing of them', async () => {
    const before = [await count('import_batch'), await count('import_chunk')];
    const empty = await expectProblem(await upload(a.session, ''), 422, 'unprocessable', ['file']);
    expect(empty.detail).toMatch(/empty/);
    await expectProblem(await upload(a.session, 'PK\u0003\u0004binary'), 422, 'unprocessable', [
      'file',
    ]);
    await expectProblem(await upload(a.session, 'Name\r\n'), 422, 'unprocessable', ['file']);
    const big = `Name,Email\n${'Someone Long,someone@example.com\n'.repeat(2000)}`;
    const tooBig = await expectProblem(await upload(a.session, big), 413, 'payload_too_large', [
      'file',
    ]);
    expect(tooBig.detail).toMatch(/0\.05 MB/);
    expect([await count('import_batch'), await count('import_chunk')]).toEqual(before);
  });

  it('refuses a mapping that names nobody, and one of the wrong length', async () => {
    const up = await uploaded(a.session, 'Colour,Size\nred,large\n');
    expect(up.mappingProblem).toMatch(/No column gives a name or an email/);
    // The preview judges the mapping it is given: one that names somebody has no problem.
    const named = await a.session.request('POST', `/imports/${up.id}/preview`, {
      mapping: ['name', 'ignore'],
    });
    expect(named.status).toBe(200);
    expect(((await named.json()) as { mappingProblem: string | null }).mappingProblem).toBeNull();
    const nobody = await a.session.request('POST', `/imports/${up.id}/preview`, {
      mapping: ['ignore', 'ignore'],
    });
    expect(((await nobody.json()) as { mappingProblem: string | null }).mappingProblem).toMatch(
      /No column gives a name or an email/,
    );
    await expectProblem(
      await a.session.request('POST', `/imports/${up.id}/start`, {}),
      422,
      'unprocessable',
      ['mapping'],
    );
    await expectProblem(
      await a.session.request('POST', `/imports/${up.id}/start`, { mapping: ['name'] }),
      400,
      'validation',
      ['mapping'],
    );
    await expectProblem(
      await a.session.request('POST', `/imports/${up.id}/preview`, { mapping: ['name'] }),
      400,
      'validation',
      ['mapping'],
    );
    expect((await ok<Import>(a.session, 'GET', `/imports/${up.id}`)).status).toBe('uploaded');
    // Discarded: the file goes with it.
    const res = await a.session.request('DELETE', `/imports/${up.id}`);
    expect(res.status).toBe(204);
    await expectProblem(await a.session.request('GET', `/imports/${up.id}`), 404, 'not_found');
    expect(
      await ctx.deps.db
        .selectFrom('import_chunk')
        .select('seq')
        .where('import_id', '=', up.id)
        .execute(),
    ).toEqual([]);
  });

  it("answers another practice's import ids with 404, and checks the defaults' ids", async () => {
    const up = await uploaded(a.session, 'Name\nSomeone Else\n');
    for (const [method, url, body] of [
      ['GET', `/imports/${up.id}`],
      ['GET', `/imports/${up.id}/problems`],
      ['POST', `/imports/${up.id}/preview`, {}],
      ['POST', `/imports/${up.id}/start`, {}],
      ['POST', `/imports/${up.id}/undo`, {}],
      ['DELETE', `/imports/${up.id}`],
    ] as const)
      await expectProblem(await b.session.request(method, url, body), 404, 'not_found');
    const theirs = await ok<{ items: Import[] }>(b.session, 'GET', '/imports');
    expect(theirs.items).toEqual([]);
    const otherCircle = await ok<{ id: string }>(b.session, 'POST', '/circles', { name: 'Theirs' });
    await expectProblem(
      await a.session.request('POST', `/imports/${up.id}/start`, {
        defaults: { circleIds: [otherCircle.id] },
      }),
      404,
      'not_found',
      ['defaults.circleIds'],
    );
    expect((await ok<Import>(a.session, 'GET', `/imports/${up.id}`)).status).toBe('uploaded');
  });

  it('lets a member import', async () => {
    const member = await seedMember(ctx, a.practiceId, 'Mo Member');
    const up = await uploaded(member.session, 'Name,Email\nMo Import,mo.import@example.com\n');
    expect(up.createdBy?.name).toBe('Mo Member');
    await ok(member.session, 'POST', `/imports/${up.id}/start`, {});
    expect((await finished(up.id, member.session)).summary.created).toBe(1);
  });

  it('discards an import uploaded but never started a day later, file and all', async () => {
    clock.set('2026-06-03T09:00:00.000Z');
    const left = await uploaded(a.session, 'Name,Email\nLeft Open,left@example.com\n');
    const chunksOf = async (id: string) =>
      (
        await ctx.deps.db
          .selectFrom('import_chunk')
          .select('seq')
          .where('import_id', '=', id)
          .execute()
      ).length;
    expect(await chunksOf(left.id)).toBeGreaterThan(0);
    clock.set('2026-06-03T20:00:00.000Z');
    await worker.drain();
    expect((await a.session.request('GET', `/imports/${left.id}`)).status).toBe(200);
    clock.set('2026-06-04T09:30:00.000Z');
    await worker.drain();
    expect((await a.session.request('GET', `/imports/${left.id}`)).status).toBe(404);
    expect(await chunksOf(left.id)).toBe(0);
  });
});

describe.each(testTargets)('a large import (%s)', (target) => {
  const batchSize = batchSizes[target];
  const clock = fixedClock('2026-06-01T09:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Large Import']);

  it('stores the file in chunks, and resumes from rows done after a stop', async () => {
    const rows = Array.from(
      { length: 1300 },
      (_, i) =>
        `Person ${i},person${i}@example.com,+1 312 555 ${String(i).padStart(4, '0')},${'n'.repeat(200)}`,
    );
    const csv = `Name,Email,Phone,Notes\n${rows.join('\n')}\n`;
    const up = await ok<UploadedImport>(a.session, 'POST', '/imports?fileName=big.csv', csv);
    expect(up.rowsTotal).toBe(1300);
    const chunks = await ctx.deps.db
      .selectFrom('import_chunk')
      .select('seq')
      .where('import_id', '=', up.id)
      .orderBy('seq')
      .execute();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1]);
    await ok(a.session, 'POST', `/imports/${up.id}/start`, {});
    // A server stopping after the first batch hands the import back to the queue.
    const progress: number[] = [];
    const first = await runImport(ctx.deps, a.practiceId, up.id, {
      onProgress: (p) => progress.push(p.rowsDone),
      isStopping: () => true,
    });
    expect(first).toBe('skipped');
    expect(progress).toEqual([batchSize]);
    expect(await ok<Import>(a.session, 'GET', `/imports/${up.id}`)).toMatchObject({
      status: 'queued',
      rowsDone: batchSize,
      summary: { created: batchSize },
    });
    const rest = await runImport(ctx.deps, a.practiceId, up.id, {
      onProgress: (p) => progress.push(p.rowsDone),
    });
    expect(rest).toBe('done');
    // One batch after another from where the first run stopped, the last one short.
    const after = Array.from({ length: Math.ceil(1300 / batchSize) }, (_, i) =>
      Math.min(1300, (i + 1) * batchSize),
    );
    expect(progress).toEqual(after);
    expect((await ok<Import>(a.session, 'GET', `/imports/${up.id}`)).summary).toEqual({
      created: 1300,
      merged: 0,
      skipped: 0,
      invalid: 0,
    });
    const made = await ctx.deps.db
      .selectFrom('contact')
      .select(['phone_key'])
      .where('import_id', '=', up.id)
      .execute();
    expect(made).toHaveLength(1300);
    expect(made.filter((c) => c.phone_key?.startsWith('312555'))).toHaveLength(1300);
    // Running it again finds nothing to do.
    expect(await runImport(ctx.deps, a.practiceId, up.id)).toBe('skipped');
  });
});
