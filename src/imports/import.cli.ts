/**
 * `vouch import FILE` (issue 13 point 7): the same path as the web's import (the file stored in
 * chunks, started with a mapping and defaults, run by the job's writer), run here in-process
 * with a progress bar on stderr, then the summary and the invalid rows on stdout.
 * Exit 0: every row handled; 1: some rows invalid (listed); 2: a bad file, mapping or option.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exitTwoOnBadUsage, resolvePracticeId, UsageError, type WithDeps } from '../cli-deps.ts';
import { type Role, roles, type Stage, stages } from '../contacts/contact.rules.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import { type DuplicateMode, duplicateModes } from './import.rules.ts';
import type { Import } from './import.schemas.ts';
import {
  discardImport,
  getImport,
  listImportProblems,
  startImport,
  uploadImport,
} from './import.service.ts';
import { type ImportProgress, runImport } from './import.worker.ts';
import {
  type ColumnMapping,
  type ImportField,
  type ImportFormat,
  importFields,
  importFormats,
} from './import-file.ts';

type ImportOptions = {
  format?: string;
  map: string[];
  practiceId?: string;
  duplicates: string;
  stage?: string;
  role: string[];
  emailConsent?: boolean;
};

const collect = (value: string, previous: string[]) => [...previous, value];

const oneOf = <T extends string>(list: readonly T[], value: string, what: string): T => {
  const found = list.find((x) => x === value);
  if (found === undefined) throw new UsageError(`${what} must be one of ${list.join(', ')}.`);
  return found;
};

/**
 * `--map "Work mail=email"` or `--map 3=phone`: a column by its header (exactly, else ignoring
 * case) or its 1-based number, and the field it fills.
 */
export function applyMaps(
  headers: readonly string[],
  mapping: ColumnMapping,
  maps: readonly string[],
): ColumnMapping {
  const out = [...mapping];
  for (const map of maps) {
    const at = map.lastIndexOf('=');
    if (at <= 0)
      throw new UsageError(`--map "${map}": write it as column=field, like "Work mail=email".`);
    const column = map.slice(0, at).trim();
    const field = oneOf<ImportField>(
      importFields,
      map.slice(at + 1).trim(),
      `--map "${map}": the field`,
    );
    let index = headers.indexOf(column);
    if (index < 0) index = headers.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (index < 0 && /^\d+$/.test(column)) index = Number(column) - 1;
    if (index < 0 || index >= headers.length)
      throw new UsageError(
        `--map "${map}": there is no column "${column}" (the columns: ${headers.map((h, i) => `${i + 1} ${h}`).join(', ')}).`,
      );
    out[index] = field;
  }
  return out;
}

const number = (n: number) => n.toLocaleString('en-US');

/** Progress on stderr: a bar redrawn in place on a terminal, else a line now and then. */
function progressPrinter(stream: NodeJS.WriteStream) {
  const started = Date.now();
  let lastLine = 0;
  return {
    update({ rowsDone, rowsTotal }: ImportProgress, isLast = false) {
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(rowsDone / seconds) : 0;
      const text = `${number(rowsDone)} / ${number(rowsTotal)} rows · ${number(rate)} rows/s`;
      if (stream.isTTY) {
        const width = 30;
        const filled = rowsTotal > 0 ? Math.round((rowsDone / rowsTotal) * width) : width;
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
        if (isLast) stream.write('\n');
      } else if (isLast || Date.now() - lastLine >= 1000) {
        lastLine = Date.now();
        stream.write(`${text}\n`);
      }
    },
  };
}

/** Waits for an import another process (a running server's worker) took over. */
async function followed(
  deps: Deps,
  who: { practiceId: string; userId: null },
  id: string,
  show: (p: ImportProgress) => void,
) {
  for (;;) {
    const imp = await getImport(deps, who, id);
    show({ rowsDone: imp.rowsDone, rowsTotal: imp.rowsTotal });
    if (imp.status !== 'queued' && imp.status !== 'running') return imp;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function importFile(deps: Deps, file: string, opts: ImportOptions): Promise<number> {
  const format =
    opts.format === undefined
      ? undefined
      : oneOf<ImportFormat>(importFormats, opts.format, '--format');
  const duplicates = oneOf<DuplicateMode>(duplicateModes, opts.duplicates, '--duplicates');
  const stage = opts.stage === undefined ? undefined : oneOf<Stage>(stages, opts.stage, '--stage');
  const chosenRoles = opts.role.map((r) => oneOf<Role>(roles, r, '--role'));
  const size = await stat(file).catch(() => null);
  if (!size?.isFile()) throw new UsageError(`${file}: no such file.`);
  const who = { practiceId: await resolvePracticeId(deps, opts.practiceId), userId: null };

  const uploaded = await uploadImport(deps, who, {
    fileName: path.basename(file),
    body: createReadStream(file),
    // The file is on the server's own disk: the web's upload limit is not the operator's.
    maxBytes: Number.POSITIVE_INFINITY,
    ...(format === undefined ? {} : { format }),
  });
  try {
    await startImport(deps, who, uploaded.id, {
      mapping: applyMaps(uploaded.headers, uploaded.mapping, opts.map),
      duplicates,
      defaults: {
        roles: chosenRoles,
        ...(stage === undefined ? {} : { stage }),
        emailConsent: opts.emailConsent === true,
      },
    });
  } catch (error) {
    // A refused mapping leaves nothing behind: the stored file goes with the import.
    await discardImport(deps, who, uploaded.id);
    throw error;
  }
  const bar = progressPrinter(process.stderr);
  bar.update({ rowsDone: 0, rowsTotal: uploaded.rowsTotal });
  const outcome = await runImport(deps, who.practiceId, uploaded.id, {
    onProgress: (p) => bar.update(p),
  });
  const done: Import =
    outcome === 'skipped'
      ? await followed(deps, who, uploaded.id, (p) => bar.update(p))
      : await getImport(deps, who, uploaded.id);
  bar.update({ rowsDone: done.rowsDone, rowsTotal: done.rowsTotal }, true);

  const { created, merged, skipped, invalid } = done.summary;
  console.log(
    `${done.fileName}: ${number(created)} created, ${number(merged)} merged, ${number(skipped)} skipped, ${number(invalid)} invalid.`,
  );
  if (invalid > 0) {
    console.log('Invalid rows:');
    let cursor: string | undefined;
    do {
      const page = await listImportProblems(deps, who, uploaded.id, { limit: 200, cursor });
      for (const p of page.items) console.log(`  line ${p.line}: ${p.reason}`);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  if (done.status === 'failed') {
    console.error(`vouch: the import stopped: ${done.error ?? 'unknown error'}`);
    return 2;
  }
  return invalid > 0 ? 1 : 0;
}

/** Registers `vouch import`; `withDeps` opens the database for it. */
export function registerImportCommand(program: Command, withDeps: WithDeps): void {
  exitTwoOnBadUsage(program.command('import'))
    .description(
      'Import contacts from a Google or Outlook CSV, any CSV or a vCard file (exit 0: all rows handled, 1: some invalid, 2: a bad file or option)',
    )
    .argument('<file>', 'the CSV or vCard file')
    .option('--format <format>', `read it as ${importFormats.join(', ')} (default: detected)`)
    .option(
      '--map <column=field>',
      `what a column fills, by header or number (fields: ${importFields.join(', ')}); repeatable`,
      collect,
      [],
    )
    .option('--practice-id <id>', 'the practice (default: the only one in the database)')
    .option('--duplicates <mode>', 'skip, or fill the empty fields of the existing contact', 'skip')
    .option('--stage <stage>', `stage of the new contacts (${stages.join(', ')}; default met)`)
    .option(
      '--role <role>',
      `a role of the new contacts (${roles.join(', ')}); repeatable`,
      collect,
      [],
    )
    .option('--email-consent', 'you have these people’s consent to email them (default: off)')
    .action(async (file: string, opts: ImportOptions) => {
      try {
        process.exitCode = await withDeps((deps) => importFile(deps, file, opts));
      } catch (error) {
        if (!(error instanceof UsageError || error instanceof AppError)) throw error;
        const named = error instanceof AppError ? error.errors[0] : undefined;
        const where = named?.field === 'file' ? file : named?.field;
        console.error(`vouch: ${named && where ? `${where}: ${named.message}` : error.message}`);
        process.exitCode = 2;
      }
    });
}
