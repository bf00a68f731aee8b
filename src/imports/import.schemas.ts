import { z } from '@hono/zod-openapi';
import { ZRole, ZStage } from '../contacts/contact.schemas.ts';
import { pageFields, ZId, ZText, ZTimestamp } from '../platform/fields.ts';
import { duplicateModes } from './import.rules.ts';
import { importStatuses } from './import.tables.ts';
import { importFields, importFormats } from './import-file.ts';

export const ZImportField = z.enum(importFields).openapi('ImportField', {
  description:
    'What a CSV column fills in a contact: `labels` become circles (by name, made when missing); ' +
    '`ignore` leaves the column out.',
});
export const ZImportStatus = z.enum(importStatuses).openapi('ImportStatus', {
  description:
    '`uploaded` (waiting for a start), `queued`, `running`, `done`, `failed` (the rows done ' +
    'before stay), `undone`.',
});
export const ZImportFormat = z.enum(importFormats).openapi('ImportFormat');
export const ZDuplicateMode = z.enum(duplicateModes).openapi('ImportDuplicateMode', {
  description:
    'A record whose email or phone a contact of the practice has: `skip` it, or `fill` the ' +
    "contact's empty fields from it (never overwriting what is there).",
});

export const ZImportSummary = z
  .object({
    created: z.number().int(),
    merged: z.number().int().openapi({ description: 'Duplicates merged into a contact (`fill`).' }),
    skipped: z
      .number()
      .int()
      .openapi({ description: 'Duplicates skipped: of a contact, or of an earlier row.' }),
    invalid: z
      .number()
      .int()
      .openapi({ description: 'Rows that are not a contact: see problems.' }),
  })
  .openapi('ImportSummary');

export const ZImportUndo = z
  .object({
    removed: z.number().int(),
    kept: z.number().int(),
    reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  })
  .openapi('ImportUndo');

export const ZImport = z
  .object({
    id: z.string(),
    fileName: z.string(),
    format: ZImportFormat,
    status: ZImportStatus,
    rowsTotal: z.number().int(),
    rowsDone: z.number().int(),
    perSecond: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Rows a second since the start, while running; else null.' }),
    startedAt: ZTimestamp.nullable(),
    finishedAt: ZTimestamp.nullable(),
    createdBy: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: 'Null when imported with `vouch import`.' }),
    headers: z
      .array(z.string())
      .openapi({ description: "A CSV's header row as written; empty for vCards." }),
    mapping: z.array(ZImportField).openapi({
      description: 'One field per header, by position: the detected mapping, or the one started.',
    }),
    mappingProblem: z
      .string()
      .nullable()
      .openapi({ description: 'Why this mapping cannot import anything, or null.' }),
    summary: ZImportSummary,
    undo: ZImportUndo.nullable(),
    error: z.string().nullable(),
    createdAt: ZTimestamp,
  })
  .openapi('Import');
export type Import = z.infer<typeof ZImport>;

export const ZImportCandidate = z
  .object({
    name: z.string(),
    honorific: z.string().nullable(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    suffix: z.string().nullable(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    organization: z.string().nullable(),
    notes: z.string().nullable(),
    labels: z.array(z.string()),
  })
  .openapi('ImportCandidate');

export const importOutcomes = ['new', 'duplicate', 'invalid'] as const;

export const ZImportPreview = z
  .object({
    rows: z.array(
      z.object({
        line: z.number().int().openapi({ description: 'Where the record starts (header: 1).' }),
        cells: z
          .array(z.string())
          .nullable()
          .openapi({ description: 'The raw cells of a CSV row; null for a vCard.' }),
        candidate: ZImportCandidate.nullable(),
        outcome: z.enum(importOutcomes),
        reason: z.string().nullable().openapi({
          description:
            'Why a duplicate ("same email as Maya Lopez") or invalid ("has no name, email or phone").',
        }),
      }),
    ),
    counts: z.object({
      new: z.number().int(),
      duplicate: z.number().int(),
      invalid: z.number().int(),
    }),
    mappingProblem: z.string().nullable().openapi({
      description:
        'Why this mapping cannot import anything (no column to a name or an email), or null: a start with it is refused (422).',
    }),
  })
  .openapi('ImportPreview');
export type ImportPreview = z.infer<typeof ZImportPreview>;

export const ZUploadedImport = ZImport.extend({ preview: ZImportPreview }).openapi(
  'UploadedImport',
);
export type UploadedImport = z.infer<typeof ZUploadedImport>;

export const ZImportPage = z
  .object({ items: z.array(ZImport), nextCursor: z.string().nullable() })
  .openapi('ImportPage');

export const ZUploadImportQuery = z.strictObject({
  fileName: ZText(255).min(1).openapi({
    description: 'The name of the file, as the user knows it.',
    example: 'contacts.csv',
  }),
});

export const ZImportMapping = z
  .array(ZImportField)
  .max(1000)
  .openapi({ description: 'One field per CSV column, by position (ignored for vCards).' });

export const ZPreviewImport = z
  .strictObject({ mapping: ZImportMapping.optional() })
  .openapi('PreviewImport');

export const ZImportDefaults = z
  .strictObject({
    roles: z.array(ZRole).max(20).optional(),
    stage: ZStage.optional().openapi({ description: '`met` unless given.' }),
    circleIds: z.array(ZId).max(100).optional(),
    categoryId: ZId.nullable().optional(),
    emailConsent: z.boolean().optional().openapi({
      description: 'Off unless the user says they have these people’s consent to email them (§6).',
    }),
  })
  .openapi('ImportDefaults');

export const ZStartImport = z
  .strictObject({
    mapping: ZImportMapping.optional(),
    duplicates: ZDuplicateMode.optional().openapi({ description: '`skip` unless given.' }),
    defaults: ZImportDefaults.optional().openapi({
      description: 'What every new contact gets: roles, stage, circles, category, consent.',
    }),
  })
  .openapi('StartImport');
export type StartImport = z.infer<typeof ZStartImport>;

export const ZImportProblemPage = z
  .object({
    items: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .openapi('ImportProblemPage');

export const ZListImportsQuery = z.strictObject({ ...pageFields });
