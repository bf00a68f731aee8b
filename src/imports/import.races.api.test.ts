/**
 * An import's moves at the same moment (issue 13). SQLite runs one writer at a time and hides
 * races; on PostgreSQL the conditional status moves decide: of two starts one queues it, of two
 * runners one claims it (the other's batches could not commit anyway), of two undos one runs.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Import, UploadedImport } from './import.schemas.ts';
import { runImport } from './import.worker.ts';

describe.each(testTargets)('concurrent import moves on %s', (target) => {
  const clock = fixedClock('2026-06-01T09:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Race Imports']);

  const csv = (prefix: string, n: number) =>
    `Name,Email\n${Array.from({ length: n }, (_, i) => `${prefix} ${i},${prefix}${i}@example.com`).join('\n')}\n`;
  const imported = (id: string) =>
    ctx.deps.db
      .selectFrom('contact')
      .select('id')
      .where('practice_id', '=', a.practiceId)
      .where('import_id', '=', id)
      .execute();

  it('two starts at once: one queues it, the other is a 409; one run imports each row once', async () => {
    const up = await ok<UploadedImport>(
      a.session,
      'POST',
      '/imports?fileName=a.csv',
      csv('s', 1200),
    );
    const answers = await Promise.all(
      Array.from({ length: 2 }, () =>
        a.session.request('POST', `/imports/${up.id}/start`, { duplicates: 'skip' }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
    // Two runners at once (two servers' workers): one claims it, the other finds nothing to do.
    const runs = await Promise.all([
      runImport(ctx.deps, a.practiceId, up.id),
      runImport(ctx.deps, a.practiceId, up.id),
    ]);
    expect(runs.sort()).toEqual(['done', 'skipped']);
    expect(await ok<Import>(a.session, 'GET', `/imports/${up.id}`)).toMatchObject({
      status: 'done',
      rowsDone: 1200,
      summary: { created: 1200, merged: 0, skipped: 0, invalid: 0 },
    });
    expect(await imported(up.id)).toHaveLength(1200);
  });

  it('two undos at once: one removes the contacts, the other is a 409', async () => {
    const up = await ok<UploadedImport>(
      a.session,
      'POST',
      '/imports?fileName=u.csv',
      csv('u', 700),
    );
    await ok(a.session, 'POST', `/imports/${up.id}/start`, {});
    expect(await runImport(ctx.deps, a.practiceId, up.id)).toBe('done');
    const answers = await Promise.all(
      Array.from({ length: 2 }, () => a.session.request('POST', `/imports/${up.id}/undo`, {})),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const undone = (await answers.find((r) => r.status === 200)?.json()) as Import;
    expect(undone.undo).toEqual({ removed: 700, kept: 0, reasons: [] });
    expect(await imported(up.id)).toEqual([]);
  });
});
