import { createWriteStream, rmSync, statSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import {
  checkOutputFile,
  exitTwoOnBadUsage,
  resolvePracticeId,
  type WithDeps,
} from '../cli-deps.ts';
import { exportPractice } from './export.service.ts';

/** Megabytes, for what the command prints. */
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * `vouch export FILE`: the zip of GET /api/v1/export, written by the same service. It goes to
 * FILE.partial first and is renamed when complete, so FILE is never half a zip.
 */
export function registerExportCommands(program: Command, withDeps: WithDeps): void {
  const command = program
    .command('export')
    .description("Write the practice's full export (a zip of JSON and CSV files) to FILE")
    .argument('<file>', 'the zip to write, like vouch-export.zip')
    .option('--practice-id <id>', 'the practice (default: the only one in the database)')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string, opts: { practiceId?: string; force?: boolean }) => {
      checkOutputFile(file, opts.force);
      await withDeps(async (deps) => {
        const practiceId = await resolvePracticeId(deps, opts.practiceId);
        const { stream } = await exportPractice(
          deps,
          { practiceId, userId: null, role: 'owner' },
          { via: 'cli' },
        );
        const partial = `${file}.partial`;
        try {
          await pipeline(
            Readable.fromWeb(stream as NodeReadableStream<Uint8Array>),
            // The whole practice: readable by its owner alone.
            createWriteStream(partial, { mode: 0o600 }),
          );
          await rename(partial, file);
        } catch (error) {
          rmSync(partial, { force: true });
          throw error;
        }
        console.log(
          `Exported practice ${practiceId} to ${file} (${megabytes(statSync(file).size)}).`,
        );
      });
    });
  exitTwoOnBadUsage(command);
}
