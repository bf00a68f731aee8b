import type { Flag } from './schema.ts';

/**
 * Booleans are stored as 0/1 on both databases (`Flag`); each repository converts them with
 * these in its row mapper, so services and rules only see `boolean`.
 */
export function toFlag(value: boolean): Flag;
export function toFlag(value: boolean | undefined): Flag | undefined;
export function toFlag(value: boolean | undefined): Flag | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}

/** A stored 0/1 (PostgreSQL may hand a computed one back as a string or bigint) as a boolean. */
export function isSet(value: Flag | number | bigint | string | null | undefined): boolean {
  return Number(value ?? 0) === 1;
}
