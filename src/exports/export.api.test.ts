import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { fixedClock } from '../platform/clock.ts';
import { buildWorld, type World } from '../route-guards.world.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { type Caller, seedMember, testTargets } from '../test-support/testing.ts';
import { parseVcard, vcardValue } from '../test-support/vcard-parse.ts';
import { googleCsvHeaders } from './contact-export.rules.ts';
import { listTableColumns } from './export.repository.ts';
import { exportEntities, notExported, usersFile } from './export.rules.ts';
import { exportContacts, exportPractice } from './export.service.ts';
import { parseCsv, unzipText } from './export.test-support.ts';

const smtpPassword = 'smtp-password-Kestrel-7731';
const erased = { name: 'Erin Erasable', email: 'erin.erasable@example.com' };

async function download(who: Caller, url: string) {
  const res = await who.request('GET', url);
  expect(res.status, url).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe.each(testTargets)('the export (%s)', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Alpha Export', 'Beta Other']);
  let A: World;
  let B: World;
  let member: Caller;
  let files: Record<string, string>;

  beforeAll(async () => {
    A = await buildWorld(a, 'Alpha');
    B = await buildWorld(b, 'Beta');
    await ok(a.session, 'PUT', '/smtp', {
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      username: 'alpha',
      password: smtpPassword,
      fromEmail: 'office@alpha.example',
    });
    await ok(b.session, 'PUT', '/smtp', {
      host: 'smtp.beta.example',
      port: 587,
      security: 'starttls',
      password: 'beta-smtp-password-0042',
      fromEmail: 'office@beta.example',
    });
    await ok(a.session, 'PUT', '/goals/2026', { targetClients: 12 });
    // A person erased before the export: nothing of theirs may be in it.
    const erin = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      ...erased,
      phone: '+1 555 0199',
      notes: 'Erin private note',
    });
    await ok(a.session, 'POST', '/referrals', {
      referred: { contactId: erin.id },
      referrer: { contactId: A.contact },
      channel: 'phone',
      need: 'Erin needs help',
    });
    await ok(a.session, 'POST', `/contacts/${erin.id}/interactions`, {
      kind: 'call',
      summary: 'Spoke with Erin',
    });
    expect((await a.session.request('DELETE', `/contacts/${erin.id}`)).status).toBe(204);
    member = (await seedMember(ctx, a.practiceId, 'Alpha Member')).session;
    const { res, bytes } = await download(a.session, '/export');
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vouch-export-2026-06-15\.zip"/,
    );
    files = unzipText(bytes);
  });

  /** Rows of a table of practice A, counted in the database. */
  async function countOf(table: string, scope: string): Promise<number> {
    const rows = await ctx.deps.db
      .selectFrom(table as 'contact')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(scope as 'practice_id', '=', a.practiceId)
      .executeTakeFirstOrThrow();
    return Number(rows.n);
  }

  it('holds every entity as JSON and CSV with the row counts of the database, and a README', async () => {
    const names = [...exportEntities.map((e) => e.file), usersFile.file];
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', ...names.flatMap((n) => [`${n}.json`, `${n}.csv`])].sort(),
    );
    for (const entity of exportEntities) {
      const rows = JSON.parse(files[`${entity.file}.json`] ?? '') as Record<string, unknown>[];
      expect(rows.length, entity.file).toBe(await countOf(entity.table, entity.scope));
      const csv = parseCsv(files[`${entity.file}.csv`] ?? '');
      expect(csv.length, entity.file).toBe(rows.length + 1);
      expect(csv[0], entity.file).toEqual(
        Object.keys(rows[0] ?? Object.fromEntries(csv[0]?.map((c) => [c, 1]) ?? [])),
      );
      expect(files['README.md']).toContain(`### ${entity.file}.json, ${entity.file}.csv`);
    }
    // Not vacuous: the world has a row of nearly everything.
    for (const file of [
      'contacts',
      'referrals',
      'interactions',
      'commitments',
      'incentives',
      'messages',
      'goals',
      'smtp_settings',
      'audit_log',
    ])
      expect((JSON.parse(files[`${file}.json`] ?? '[]') as unknown[]).length, file).toBeGreaterThan(
        0,
      );
    const users = JSON.parse(files['users.json'] ?? '') as Record<string, unknown>[];
    expect(users.map((u) => u.role).sort()).toEqual(['member', 'owner']);
    expect(users.find((u) => u.role === 'owner')).toMatchObject({ id: a.userId, email: a.email });
    expect(Object.keys(users[0] ?? {})).toEqual([...usersFile.columns]);
  });

  it('writes lists, JSON settings and CSV cells as the README says', () => {
    const contacts = JSON.parse(files['contacts.json'] ?? '') as Record<string, unknown>[];
    const partner = contacts.find((c) => c.id === A.contact);
    expect(partner).toMatchObject({
      name: 'Alpha Partner',
      roles: ['partner'],
      circle_ids: [A.circle],
      category_id: A.category,
      notes: 'A private note of Alpha.',
    });
    expect(partner).not.toHaveProperty('name_key');
    expect(partner).not.toHaveProperty('email_key');
    const referrals = JSON.parse(files['referrals.json'] ?? '') as Record<string, unknown>[];
    expect(referrals.find((r) => r.id === A.referral)).toMatchObject({ tags: ['alpha'] });
    const [practice] = JSON.parse(files['practice.json'] ?? '') as Record<string, unknown>[];
    expect(practice).toMatchObject({ id: a.practiceId, name: 'Alpha Export' });
    expect(typeof practice?.settings).toBe('object');
    const csv = parseCsv(files['contacts.csv'] ?? '');
    const header = csv[0] ?? [];
    const row = csv.find((r) => r[header.indexOf('id')] === A.contact) ?? [];
    expect(row[header.indexOf('roles')]).toBe('partner');
    expect(row[header.indexOf('circle_ids')]).toBe(A.circle);
    expect(files['README.md']).toMatch(/- `referrer_id`: /);
    expect(files['README.md']).toContain('Alpha Export');
  });

  it('never holds a secret, another practice or an erased person', async () => {
    const all = Object.values(files).join('\n');
    const auth = await ctx.deps.db
      .selectFrom('auth_account')
      .select('password')
      .where('user_id', '=', a.userId)
      .executeTakeFirstOrThrow();
    const tokenHashes = await ctx.deps.db.selectFrom('api_token').select('token_hash').execute();
    const forbidden = [
      smtpPassword,
      a.token,
      auth.password ?? 'no password?',
      '$argon2',
      ...tokenHashes.map((t) => t.token_hash),
      'Beta',
      b.practiceId,
      ...Object.values(B).filter((id) => id.length >= 20),
      erased.name,
      erased.email,
      'Erin',
      '555 0199',
    ];
    for (const text of forbidden) expect(all, text).not.toContain(text);
    const smtp = JSON.parse(files['smtp_settings.json'] ?? '') as Record<string, unknown>[];
    expect(smtp[0]).toMatchObject({ host: 'smtp.example.com', username: 'alpha' });
    expect(Object.keys(smtp[0] ?? {}).some((k) => k.includes('password'))).toBe(false);
  });

  it('is decided for every table of the database: exported, in a list, or left out with a reason', async () => {
    const tables = [...(await listTableColumns(ctx.deps.db)).keys()];
    const decided = new Set([
      ...exportEntities.flatMap((e) => [e.table, ...(e.lists ?? []).map((l) => l.table)]),
      ...Object.keys(notExported),
    ]);
    expect(tables.filter((t) => !decided.has(t))).toEqual([]);
    // …and every column a secret might hide in is dropped.
    const columns = await listTableColumns(ctx.deps.db);
    for (const entity of exportEntities) {
      const kept = (columns.get(entity.table) ?? []).filter((c) => !entity.drop?.includes(c));
      expect(
        kept.filter((c) => /password|token|hash(?!$)|secret/.test(c)),
        entity.table,
      ).toEqual([]);
    }
  });

  it('reads the same rows in pages of any size', async () => {
    const owner = { practiceId: a.practiceId, userId: a.userId, role: 'owner' as const };
    const unzip = async (pageSize: number) => {
      const { stream } = await exportPractice(ctx.deps, owner, { pageSize });
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      const out = Object.entries(unzipText(bytes));
      // The audit log grows by one entry per export.
      return out.filter(([n]) => !n.startsWith('audit_log') && n !== 'README.md');
    };
    expect(await unzip(1)).toEqual(await unzip(1000));
  });

  it('is for owners only (403 naming the role), and audited without names', async () => {
    for (const url of ['/export', '/contacts/export.csv', '/contacts/export.vcf'])
      await expectProblem(await member.request('GET', url), 403, 'forbidden', ['role']);
    const audit = await ok<{
      items: { action: string; user: { id: string } | null; detail: unknown }[];
    }>(a.session, 'GET', '/audit?action=practice.exported');
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items[0]).toMatchObject({ user: { id: a.userId }, detail: { format: 'zip' } });
    // Ids and counts only: the row names no one (the list adds the user's name itself).
    expect(audit.items[0]?.detail).toEqual({ format: 'zip', files: exportEntities.length + 1 });
  });

  it('exports the contacts as a Google CSV that reads back by its headers', async () => {
    await ok(a.session, 'POST', '/contacts', {
      name: 'Dr. Zoë Müller-Quinn, PhD',
      email: 'zoe@example.com',
      phone: '+44 20 7946 0958',
      organization: '=HYPERLINK("http://evil")',
      circleIds: [A.circle],
      preferredName: 'Zo',
    });
    const { res, bytes } = await download(a.session, '/contacts/export.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/filename="contacts-2026-06-15\.csv"/);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    expect(header).toEqual([...googleCsvHeaders]);
    const contacts = await countOf('contact', 'practice_id');
    expect(rows.length).toBe(contacts);
    const byHeader = rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i]])));
    const zoe = byHeader.find((r) => r['E-mail 1 - Value'] === 'zoe@example.com');
    expect(zoe).toMatchObject({
      'First Name': 'Zoë',
      'Last Name': 'Müller-Quinn',
      'Name Prefix': 'Dr.',
      'Name Suffix': 'PhD',
      Nickname: 'Zo',
      'Organization Name': `'=HYPERLINK("http://evil")`,
      Labels: '* myContacts ::: Rotary',
      'E-mail 1 - Label': '* Other',
      'Phone 1 - Label': '* Other',
      // A phone number is written as typed, without the formula guard's apostrophe.
      'Phone 1 - Value': '+44 20 7946 0958',
    });
    const partner = byHeader.find((r) => r['Organization Name'] === 'Alpha Ledger LLP');
    expect(partner).toMatchObject({
      'First Name': 'Alpha',
      'Last Name': 'Partner',
      // The practice's notes never go to another company's address book.
      Notes: '',
    });
    expect(new TextDecoder().decode(bytes)).not.toMatch(/Beta|Erin|private note/);
  });

  it('exports the contacts as vCards, one per contact, that an independent parser reads', async () => {
    for (const version of ['4.0', '3.0'] as const) {
      const { res, bytes } = await download(a.session, `/contacts/export.vcf?version=${version}`);
      expect(res.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
      const text = new TextDecoder().decode(bytes);
      const cards = text.split(/(?<=END:VCARD\r\n)/).filter((c) => c.trim() !== '');
      expect(cards.length).toBe(await countOf('contact', 'practice_id'));
      const parsed = cards.map(parseVcard);
      expect(parsed.every((p) => vcardValue(p, 'version') === version)).toBe(true);
      const partner = parsed.find((p) => vcardValue(p, 'fn') === 'Alpha Partner');
      expect(partner && vcardValue(partner, 'email')).toBe('existing@example.com');
      expect(text).not.toMatch(/private note|Beta|Erin/);
    }
    await expectProblem(
      await a.session.request('GET', '/contacts/export.vcf?version=2.1'),
      400,
      'validation',
      ['version'],
    );
  });

  it('streams the contacts in pages of any size', async () => {
    const owner = { practiceId: a.practiceId, userId: a.userId, role: 'owner' as const };
    const read = async (pageSize: number) => {
      const { stream } = await exportContacts(
        ctx.deps,
        owner,
        { kind: 'google_csv' },
        { pageSize },
      );
      return new Response(stream).text();
    };
    expect(await read(1)).toBe(await read(1000));
  });
});
