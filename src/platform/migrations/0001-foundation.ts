import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db.ts';

/**
 * Accounts (better-auth's tables, snake_case), practices, API tokens, the network basics
 * and the audit log. Practice-owned tables are keyed (practice_id, id) so that they can be
 * distributed by practice, and their references carry practice_id so that a row can never
 * point into another practice.
 */
export function foundation(dialect: Dialect): Migration {
  const authDate = dialect === 'postgres' ? 'timestamptz' : 'text';
  const authBool = dialect === 'postgres' ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('auth_user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('email_verified', sql.raw(authBool), (c) => c.notNull())
        .addColumn('image', 'text')
        .addColumn('created_at', sql.raw(authDate), (c) => c.notNull())
        .addColumn('updated_at', sql.raw(authDate), (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('auth_session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) =>
          c.notNull().references('auth_user.id').onDelete('cascade'),
        )
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('expires_at', sql.raw(authDate), (c) => c.notNull())
        .addColumn('ip_address', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('created_at', sql.raw(authDate), (c) => c.notNull())
        .addColumn('updated_at', sql.raw(authDate), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('auth_session_user')
        .on('auth_session')
        .column('user_id')
        .execute();
      await db.schema
        .createTable('auth_account')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) =>
          c.notNull().references('auth_user.id').onDelete('cascade'),
        )
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('access_token', 'text')
        .addColumn('refresh_token', 'text')
        .addColumn('id_token', 'text')
        .addColumn('access_token_expires_at', sql.raw(authDate))
        .addColumn('refresh_token_expires_at', sql.raw(authDate))
        .addColumn('scope', 'text')
        .addColumn('password', 'text')
        .addColumn('created_at', sql.raw(authDate), (c) => c.notNull())
        .addColumn('updated_at', sql.raw(authDate), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('auth_account_user')
        .on('auth_account')
        .column('user_id')
        .execute();
      await db.schema
        .createTable('auth_verification')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('expires_at', sql.raw(authDate), (c) => c.notNull())
        .addColumn('created_at', sql.raw(authDate), (c) => c.notNull())
        .addColumn('updated_at', sql.raw(authDate), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('auth_verification_identifier')
        .on('auth_verification')
        .column('identifier')
        .execute();

      await db.schema
        .createTable('practice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('profession', 'text', (c) => c.notNull())
        .addColumn('value_proposition', 'text', (c) => c.notNull())
        .addColumn('key_phrases', 'text', (c) => c.notNull())
        .addColumn('ideal_client', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('postal_address', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('set_up_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('practice_member')
        .addColumn('practice_id', 'text', (c) =>
          c.notNull().references('practice.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) =>
          c.notNull().unique().references('auth_user.id').onDelete('cascade'),
        )
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('practice_member_pk', ['practice_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('api_token')
        .addColumn('practice_id', 'text', (c) =>
          c.notNull().references('practice.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) =>
          c.notNull().references('auth_user.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .addPrimaryKeyConstraint('api_token_pk', ['practice_id', 'id'])
        .execute();

      for (const table of ['category', 'circle'] as const) {
        await db.schema
          .createTable(table)
          .addColumn('practice_id', 'text', (c) =>
            c.notNull().references('practice.id').onDelete('cascade'),
          )
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('name_key', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['practice_id', 'id'])
          .addUniqueConstraint(`${table}_name_unique`, ['practice_id', 'name_key'])
          .execute();
      }

      await db.schema
        .createTable('contact')
        .addColumn('practice_id', 'text', (c) =>
          c.notNull().references('practice.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('email_key', 'text')
        .addColumn('phone', 'text')
        .addColumn('organization', 'text')
        .addColumn('organization_key', 'text')
        .addColumn('category_id', 'text')
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('stage_rank', 'integer', (c) => c.notNull())
        .addColumn('met_where', 'text')
        .addColumn('met_how', 'text')
        .addColumn('email_consent', 'integer', (c) => c.notNull())
        .addColumn('do_not_ask', 'integer', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('last_touch_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_pk', ['practice_id', 'id'])
        .addForeignKeyConstraint(
          'contact_category_fk',
          ['practice_id', 'category_id'],
          'category',
          ['practice_id', 'id'],
        )
        .execute();
      // The list's sort orders and filters, each ending in id for stable cursor pages.
      for (const [name, columns] of [
        ['contact_by_name', ['practice_id', 'name_key', 'id']],
        ['contact_by_created', ['practice_id', 'created_at', 'id']],
        ['contact_by_updated', ['practice_id', 'updated_at', 'id']],
        ['contact_by_stage', ['practice_id', 'stage_rank', 'id']],
        ['contact_by_category', ['practice_id', 'category_id', 'name_key', 'id']],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on('contact')
          .columns([...columns])
          .execute();
      }

      // One contact per email in a practice (duplicate detection for imports relies on it).
      await db.schema
        .createIndex('contact_email_unique')
        .on('contact')
        .columns(['practice_id', 'email_key'])
        .unique()
        .where(sql.ref('email_key'), 'is not', null)
        .execute();

      await db.schema
        .createTable('contact_role')
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_role_pk', ['practice_id', 'contact_id', 'role'])
        .addForeignKeyConstraint(
          'contact_role_contact_fk',
          ['practice_id', 'contact_id'],
          'contact',
          ['practice_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('contact_role_by_role')
        .on('contact_role')
        .columns(['practice_id', 'role', 'contact_id'])
        .execute();

      await db.schema
        .createTable('contact_circle')
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull())
        .addColumn('circle_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_circle_pk', ['practice_id', 'contact_id', 'circle_id'])
        .addForeignKeyConstraint(
          'contact_circle_contact_fk',
          ['practice_id', 'contact_id'],
          'contact',
          ['practice_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'contact_circle_circle_fk',
          ['practice_id', 'circle_id'],
          'circle',
          ['practice_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('contact_circle_by_circle')
        .on('contact_circle')
        .columns(['practice_id', 'circle_id', 'contact_id'])
        .execute();

      await db.schema
        .createTable('stage_change')
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull())
        .addColumn('from_stage', 'text')
        .addColumn('to_stage', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
        .addPrimaryKeyConstraint('stage_change_pk', ['practice_id', 'id'])
        .addForeignKeyConstraint(
          'stage_change_contact_fk',
          ['practice_id', 'contact_id'],
          'contact',
          ['practice_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('stage_change_by_contact')
        .on('stage_change')
        .columns(['practice_id', 'contact_id', 'changed_at'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('practice_id', 'text', (c) =>
          c.notNull().references('practice.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('detail', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_log_pk', ['practice_id', 'id'])
        .execute();
    },
  };
}
