import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db, Dialect } from '../db.ts';
import { foundation } from './0001-foundation.ts';
import { networkPipeline } from './0002-network-pipeline.ts';
import { followThrough } from './0003-follow-through.ts';
import { todayGoalsInsights } from './0004-today-goals-insights.ts';
import { agenda } from './0005-agenda.ts';
import { insights } from './0006-insights.ts';
import { referralLags } from './0007-referral-lags.ts';
import { insightGroupings } from './0008-insight-groupings.ts';
import { idempotency } from './0010-idempotency.ts';
import { security } from './0011-security.ts';
import { erasure } from './0013-erasure.ts';
import { auditChain } from './0014-audit-chain.ts';
import { contactNames } from './0015-contact-names.ts';
import { agendaUndo } from './0017-agenda-undo.ts';
import { demoPractice } from './0018-demo-practice.ts';
import { smtpVerified } from './0019-smtp-verified.ts';
import { referralKit } from './0020-referral-kit.ts';
import { introductions } from './0021-introductions.ts';
import { imports } from './0022-imports.ts';
import { boardTotals } from './0023-board-totals.ts';
import { team } from './0024-team.ts';
import { passwordReset } from './0025-password-reset.ts';
import { webhooks } from './0026-webhooks.ts';

/** Every migration, in order. The same list builds SQLite and PostgreSQL. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-foundation': foundation(dialect),
    '0002-network-pipeline': networkPipeline,
    '0003-follow-through': followThrough,
    '0004-today-goals-insights': todayGoalsInsights,
    '0005-agenda': agenda,
    '0006-insights': insights,
    '0007-referral-lags': referralLags(dialect),
    '0008-insight-groupings': insightGroupings,
    '0010-idempotency': idempotency,
    '0011-security': security(dialect),
    '0013-erasure': erasure(dialect),
    '0014-audit-chain': auditChain,
    '0015-contact-names': contactNames,
    '0017-agenda-undo': agendaUndo,
    '0018-demo-practice': demoPractice,
    '0019-smtp-verified': smtpVerified,
    '0020-referral-kit': referralKit,
    '0021-introductions': introductions,
    '0022-imports': imports(dialect),
    '0023-board-totals': boardTotals(dialect),
    '0024-team': team,
    '0025-password-reset': passwordReset,
    '0026-webhooks': webhooks,
  };
}

function migratorFor(db: Db, dialect: Dialect): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  return new Migrator({
    db,
    provider,
    migrationTableName: 'vouch_migration',
    migrationLockTableName: 'vouch_migration_lock',
  });
}

/** Applies pending migrations. On PostgreSQL each runs in a transaction under Kysely's lock. */
export async function migrateToLatest(db: Db, dialect: Dialect): Promise<string[]> {
  const { error, results } = await migratorFor(db, dialect).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies migrations up to and including `name`: a test's database as an older release left it. */
export async function migrateUpTo(db: Db, dialect: Dialect, name: string): Promise<void> {
  const { error } = await migratorFor(db, dialect).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
