import type { Command } from 'commander';
import { checkOutputFile, exitTwoOnBadUsage, UsageError } from '../cli-deps.ts';
import { megabytes } from '../exports/export.cli.ts';
import { loadConfig } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import {
  backupPostgres,
  backupSqlite,
  hasTool,
  postgresInstructions,
  restorePostgres,
  restoreSqlite,
} from './backup.service.ts';

/** A refused FILE is bad usage (exit 2); anything else that fails is a failure (exit 1). */
async function asCommand(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation')
      throw new UsageError(error.message);
    throw error;
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const secretReminder =
  'Keep VOUCH_SECRET (or the data directory\'s "secret" file) with it: the SMTP password in ' +
  'the database is encrypted with it.';

/** `vouch backup FILE` and `vouch restore FILE` (README, "Backups"). */
export function registerBackupCommands(program: Command): void {
  const backup = program
    .command('backup')
    .description(
      'Copy the database to FILE while the server runs (SQLite: online backup, verified; PostgreSQL: pg_dump)',
    )
    .argument('<file>', 'the backup to write, like vouch-2026-06-15.db')
    .option('--force', 'overwrite FILE if it exists')
    .action((file: string, opts: { force?: boolean }) =>
      asCommand(async () => {
        checkOutputFile(file, opts.force);
        const config = loadConfig();
        if (config.database.dialect === 'postgres') {
          if (!hasTool('pg_dump')) {
            console.error(postgresInstructions('backup'));
            process.exitCode = 1;
            return;
          }
          const done = await backupPostgres(config, file);
          console.log(
            `Backup written to ${file} (${megabytes(done.bytes)}, pg_dump custom format).`,
          );
          console.log(secretReminder);
          return;
        }
        const done = await backupSqlite(config, file);
        console.log(
          `Backup written to ${file} (${megabytes(done.bytes)}): integrity ok; ` +
            `${plural(done.practices, 'practice', 'practices')}, ` +
            `${plural(done.contacts, 'contact', 'contacts')}.`,
        );
        console.log(secretReminder);
      }),
    );
  exitTwoOnBadUsage(backup);

  const restore = program
    .command('restore')
    .description(
      'Replace the database with the backup FILE (the server stopped); the old one is kept aside',
    )
    .argument('<file>', 'a file written by `vouch backup`')
    .action((file: string) =>
      asCommand(async () => {
        const config = loadConfig();
        if (config.database.dialect === 'postgres') {
          if (!hasTool('pg_restore') || !hasTool('pg_dump')) {
            console.error(postgresInstructions('restore'));
            process.exitCode = 1;
            return;
          }
          const done = await restorePostgres(config, file, new Date());
          console.log(`Restored ${file}. The database as it was is in ${done.keptAside}.`);
          if (done.migrated.length > 0)
            console.log(`Migrated to the current schema: ${done.migrated.join(', ')}.`);
          return;
        }
        const done = await restoreSqlite(config, file, new Date());
        console.log(
          `Restored ${file} into ${done.target}: ` +
            `${plural(done.practices, 'practice', 'practices')}, ` +
            `${plural(done.contacts, 'contact', 'contacts')}.`,
        );
        if (done.keptAside) console.log(`The database as it was is now ${done.keptAside}.`);
        if (done.migrated.length > 0)
          console.log(`Migrated to the current schema: ${done.migrated.join(', ')}.`);
      }),
    );
  exitTwoOnBadUsage(restore);
}
