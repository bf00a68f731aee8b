import { openDatabase } from '/work/wt/erasure/src/platform/db.ts';
import { migrateToLatest } from '/work/wt/erasure/src/platform/migrations/index.ts';
import { sql } from 'kysely';
const h = openDatabase({ dialect: 'sqlite', file: '/tmp/er-schema.db' } as never);
await migrateToLatest(h.db, 'sqlite');
const r = await sql<{ type: string; name: string; sql: string }>`select type, name, sql from sqlite_master where tbl_name = 'referral' or sql like '%referral%'`.execute(h.db);
for (const x of r.rows) console.log(x.type, x.name, '\n', x.sql);
await h.close();
