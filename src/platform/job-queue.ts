import type { PgBoss } from 'pg-boss';
import type { Deps } from './deps.ts';

/**
 * The job queue of one of the server's workers (the outbox, imports, webhooks) on PostgreSQL:
 * pg-boss in the `pgboss` schema, with its own pool of `connections` and no scheduler, its
 * errors logged under the worker's name. Null on SQLite, whose workers run in-process loops.
 * pg-boss is loaded on first use: a SQLite server never needs its 17 MB.
 */
export async function startJobQueue(
  deps: Pick<Deps, 'dialect' | 'config'>,
  name: string,
  connections: number,
): Promise<PgBoss | null> {
  if (deps.dialect !== 'postgres' || deps.config.database.dialect !== 'postgres') return null;
  const { PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    connectionString: deps.config.database.url,
    schema: 'pgboss',
    max: connections,
    schedule: false,
  });
  boss.on('error', (error: unknown) => {
    if (deps.config.log !== 'silent') console.error(`[vouch] ${name} queue:`, error);
  });
  await boss.start();
  return boss;
}
