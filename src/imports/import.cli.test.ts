import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { ok } from '../test-support/api-expect.ts';
import {
  cliEnv,
  createTestContext,
  type SeededPractice,
  seedPractice,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';
import type { Import } from './import.schemas.ts';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../cli.ts');

type Outcome = { code: number; stdout: string; stderr: string };

/** `vouch import …` as a child process on the test's database (SQLite file or PostgreSQL). */
describe.each(testTargets)('vouch import (CLI, %s)', (target) => {
  let ctx: TestContext;
  let a: SeededPractice;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    a = await seedPractice(ctx, 'Cli Import Practice');
    env = cliEnv(ctx);
    dir = mkdtempSync(path.join(tmpdir(), 'vouch-import-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx?.close();
  });

  const fileOf = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const vouch = async (...args: string[]): Promise<Outcome> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, 'import', ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const contactByEmail = async (email: string) => {
    const page = await ok<{ items: ContactDetail[] }>(
      a.session,
      'GET',
      `/contacts?q=${encodeURIComponent(email)}`,
    );
    const found = page.items.find((c) => c.email === email);
    return found ? ok<ContactDetail>(a.session, 'GET', `/contacts/${found.id}`) : null;
  };

  it('imports a Google CSV: exit 0, the summary, progress on stderr', async () => {
    const file = fileOf(
      'google.csv',
      [
        'First Name,Last Name,Labels,E-mail 1 - Value,Phone 1 - Value',
        'Ana,Alves,* myContacts ::: Book Club,ana@example.com,+1 312 555 0101',
        'Ben,Brown,,ben@example.com,',
        'Cara,Cole,,cara@example.com,',
      ].join('\n'),
    );
    const out = await vouch(file, '--stage', 'likes', '--role', 'friend', '--role', 'client');
    expect(out.stderr).toContain('3 / 3 rows');
    expect(out).toMatchObject({
      code: 0,
      stdout: 'google.csv: 3 created, 0 merged, 0 skipped, 0 invalid.\n',
    });
    expect(await contactByEmail('ana@example.com')).toMatchObject({
      name: 'Ana Alves',
      stage: 'likes',
      roles: ['client', 'friend'],
      circles: [{ name: 'Book Club' }],
      emailConsent: false,
    });
    const imports = await ok<{ items: Import[] }>(a.session, 'GET', '/imports');
    expect(imports.items[0]).toMatchObject({
      format: 'google',
      status: 'done',
      createdBy: null,
      fileName: 'google.csv',
    });
  });

  it('lists the invalid rows with their lines: exit 1; fills duplicates when asked', async () => {
    const file = fileOf(
      'mixed.csv',
      [
        'Name,Email,Mobile,Company',
        // Ana has a phone already; her organization is empty: filled, so merged.
        'Ana Again,ANA@example.com,,Alves Books',
        'Bad Email,nope@,,',
        'Dan Doe,dan@example.com,,',
      ].join('\r\n'),
    );
    const out = await vouch(file, '--duplicates', 'fill', '--map', '3=phone');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('mixed.csv: 1 created, 1 merged, 0 skipped, 1 invalid.');
    expect(out.stdout).toContain('Invalid rows:\n  line 3: Email is not an email address');
    expect(out.stdout).not.toContain('nope@');
  });

  it('maps a column by its header, and reads a CSV as another format when told', async () => {
    const file = fileOf(
      'custom.csv',
      ['Name,Labels,Work mail', 'Eve Early,* starred ::: Tennis,eve@example.com'].join('\n'),
    );
    const out = await vouch(
      file,
      '--format',
      'google',
      '--map',
      'work MAIL=email',
      '--email-consent',
    );
    expect(out).toMatchObject({ code: 0 });
    // Read as Google's: " ::: " separates labels, and its system labels are left out.
    expect(await contactByEmail('eve@example.com')).toMatchObject({
      circles: [{ name: 'Tennis' }],
      emailConsent: true,
    });
  });

  it('refuses a bad file, a bad mapping and bad options with exit 2 and why', async () => {
    const binary = await vouch(fileOf('photo.zip', Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 2])));
    expect(binary.code).toBe(2);
    expect(binary.stderr).toMatch(/photo\.zip: is not a CSV or vCard file/);
    const empty = await vouch(fileOf('empty.csv', ''));
    expect(empty).toMatchObject({ code: 2, stderr: expect.stringMatching(/is empty/) });
    const nobody = await vouch(fileOf('colours.csv', 'Colour,Size\nred,large\n'));
    expect(nobody).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/mapping: No column gives a name or an email/),
    });
    const people = fileOf('people.csv', 'Name,Email\nFay Far,fay@example.com\n');
    for (const args of [
      ['--map', 'Nope=email'],
      ['--map', 'Email=nickname'],
      ['--duplicates', 'merge'],
      ['--stage', 'loves'],
      ['--format', 'vcard'],
      ['--frobnicate'],
    ]) {
      const out = await vouch(people, ...args);
      expect(out.code, `${args.join(' ')}: ${out.stderr}`).toBe(2);
      expect(out.stderr).toMatch(/\S/);
    }
    expect(await vouch(path.join(dir, 'missing.csv'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no such file/),
    });
    expect(await contactByEmail('fay@example.com')).toBeNull();
  });

  it('asks which practice when there are several', async () => {
    await seedPractice(ctx, 'Second Practice');
    const file = fileOf('one.csv', 'Name,Email\nGil Green,gil@example.com\n');
    const out = await vouch(file);
    expect(out).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/several practices; choose one with --practice-id/),
    });
    expect(await vouch(file, '--practice-id', a.practiceId)).toMatchObject({ code: 0 });
    expect(await contactByEmail('gil@example.com')).not.toBeNull();
  });
});
