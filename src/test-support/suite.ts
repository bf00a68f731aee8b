/**
 * The setup most API suites share, one line each: a fresh test context per database target,
 * closed after the suite, and the practices and contacts made before its tests. (Vitest-only.)
 */
import { afterAll, beforeAll } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { ok } from './api-expect.ts';
import {
  createTestContext,
  type SeededPractice,
  seedPractice,
  type TestContext,
  type TestTarget,
} from './testing.ts';

/**
 * A stand-in for a value that exists only once `beforeAll` has run: every access is forwarded
 * to the value then, so a suite can name `ctx` or `a` once in its describe body.
 */
function lateBound<T extends object>(what: string): { ref: T; set: (value: T) => void } {
  let current: T | undefined;
  const now = (): T => {
    if (current === undefined) throw new Error(`${what} is used before the suite's beforeAll`);
    return current;
  };
  const ref = new Proxy({} as T, {
    get: (_, key) => Reflect.get(now(), key),
    has: (_, key) => Reflect.has(now(), key),
    ownKeys: () => Reflect.ownKeys(now()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(now(), key),
  });
  return { ref, set: (value) => (current = value) };
}

/**
 * Registers this describe's `beforeAll` (a fresh test context on `target`) and `afterAll`
 * (close it), and returns the context as it will be once open. Its `restart()` rebinds the
 * returned context to the restarted app.
 */
export function useTestContext(
  target: TestTarget,
  options: Parameters<typeof createTestContext>[1] = {},
): TestContext {
  const ctx = lateBound<TestContext>('the test context');
  let opened: TestContext | undefined;
  const bind = (next: TestContext): TestContext => {
    opened = {
      ...next,
      restart: async () => bind(await next.restart()),
    };
    ctx.set(opened);
    return opened;
  };
  beforeAll(async () => {
    bind(await createTestContext(target, options));
  });
  afterAll(async () => opened?.close());
  return ctx.ref;
}

/**
 * Registers a `beforeAll` that signs up one practice per name, in order, on `ctx`, and returns
 * them as they will be. Hooks registered after this call run after it.
 */
export function usePractices<const N extends readonly string[]>(
  ctx: TestContext,
  names: N,
): { [K in keyof N]: SeededPractice } {
  const practices = names.map((name) => lateBound<SeededPractice>(`practice "${name}"`));
  beforeAll(async () => {
    for (const [i, name] of names.entries()) practices[i]?.set(await seedPractice(ctx, name));
  });
  return practices.map((p) => p.ref) as { [K in keyof N]: SeededPractice };
}

/**
 * Registers a `beforeAll` that adds a contact to `owner`'s practice through the API, and
 * returns the contact as it will be.
 */
export function useContact(
  owner: SeededPractice,
  body: { name: string; stage?: string },
): ContactDetail {
  const contact = lateBound<ContactDetail>(`contact "${body.name}"`);
  beforeAll(async () => {
    contact.set(await ok<ContactDetail>(owner.session, 'POST', '/contacts', body));
  });
  return contact.ref;
}
