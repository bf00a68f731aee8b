/** What the CLI's commands share: the database opened around a command, and the practice. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from './platform/config.ts';
import { openDeps } from './platform/deps.ts';
import { findPractice, listPracticeIds } from './practices/practice.repository.ts';

export type CliDeps = Awaited<ReturnType<typeof openDeps>>;

/** Runs a command with the database open (and migrated), and closes it after. */
export async function withDeps<T>(
  run: (deps: CliDeps) => Promise<T>,
  config = loadConfig(),
): Promise<T> {
  const deps = await openDeps(config, { rateLimit: false });
  try {
    return await run(deps);
  } finally {
    await deps.close();
  }
}

export type WithDeps = typeof withDeps;

/** Bad usage or a bad file: the CLI exits with 2, not 1 (1 is a failure while working). */
export class UsageError extends Error {}

/** Exit code 2 for commander's own refusals (a missing argument, an unknown option) too. */
export function exitTwoOnBadUsage(command: Command): Command {
  return command.exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });
}

/**
 * FILE may be written by a command (export, backup): its directory is there, and FILE is not
 * unless --force. Checked before anything runs, so that a typo is bad usage.
 */
export function checkOutputFile(file: string, force: boolean | undefined): void {
  if (existsSync(file) && !force)
    throw new UsageError(`${file} exists; choose another name, or --force to overwrite it.`);
  const directory = path.dirname(path.resolve(file));
  if (!existsSync(directory) || !statSync(directory).isDirectory())
    throw new UsageError(`There is no directory ${directory} to write ${file} in.`);
}

/** The practice a command is about: `--practice-id`, or the only one in the database. */
export async function resolvePracticeId(
  deps: Pick<CliDeps, 'db'>,
  practiceId?: string,
): Promise<string> {
  if (practiceId) {
    if (!(await findPractice(deps.db, practiceId)))
      throw new UsageError(`There is no practice ${practiceId}.`);
    return practiceId;
  }
  const practices = await listPracticeIds(deps.db, 2);
  if (practices.length !== 1)
    throw new UsageError(
      practices.length === 0
        ? 'There is no practice yet; create one with `vouch user create`.'
        : 'There are several practices; choose one with --practice-id.',
    );
  return practices[0] ?? '';
}
