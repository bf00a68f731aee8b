/**
 * What a practice's full export holds (issue 13 §9–10, PRODUCT.md §8), and how its rows are
 * written: pure data and text, no I/O. The service reads the rows; this says which tables,
 * which columns never leave (secrets, search keys), and how a row becomes JSON and CSV.
 */
import { roles, stages } from '../contacts/contact.rules.ts';
import { celebrationThresholds } from '../goals/goal.rules.ts';
import { toTimestamp } from '../platform/clock.ts';
import { referralStatuses } from '../referrals/referral.rules.ts';

/** Values gathered from a child table into one list per row (a contact's roles). */
export type ExportList = {
  /** The list's name in the exported row. */
  as: string;
  table: string;
  /** The child's column naming the parent row's `id`. */
  parent: string;
  /** The child's column whose values make the list. */
  value: string;
  describe: string;
};

export type ExportEntity = {
  /** The file name in the zip, without `.json` / `.csv`. */
  file: string;
  table: string;
  describe: string;
  /** The column that holds the practice: `practice_id`, or `id` for the practice itself. */
  scope: 'practice_id' | 'id';
  /** The row's unique key within the practice: pages are read in its order (keyset). */
  key: readonly string[];
  /** Columns that never leave: secrets, and keys the app derives for search and sorting. */
  drop?: readonly string[];
  lists?: readonly ExportList[];
  /** Columns holding JSON text: parsed in the .json file, kept as text in the .csv. */
  json?: readonly string[];
  /** What a column means, where its name and the conventions do not say it. */
  notes?: Readonly<Record<string, string>>;
};

/** users.json: the practice's members, from the accounts (never their password hashes). */
export const usersFile = {
  file: 'users',
  describe: 'The people who sign in to the practice, with their role.',
  columns: ['id', 'name', 'email', 'role', 'member_since'],
  notes: { role: '`owner` or `member`.', member_since: 'When they joined the practice.' },
} as const;

const searchKeys = ['name_key'] as const;

/** Every table of the practice's data, in the order of the zip (users.json comes second). */
export const exportEntities: readonly ExportEntity[] = [
  {
    file: 'practice',
    table: 'practice',
    describe: 'The practice: its profile, time zone, settings and ethics overrides.',
    scope: 'id',
    key: ['id'],
    json: ['key_phrases', 'settings', 'ethics_overrides'],
    notes: {
      settings: 'The program defaults (cadences, windows, thresholds) as a JSON object.',
      ethics_overrides: 'Incentive kinds the practice rules on more strictly, as JSON.',
      demo_of_user_id: 'Set on a demo practice: the user whose sandbox it is.',
    },
  },
  {
    file: 'smtp_settings',
    table: 'smtp_settings',
    describe: 'How the practice sends email. The SMTP password is never exported.',
    scope: 'practice_id',
    key: ['practice_id'],
    drop: ['password_encrypted'],
  },
  {
    file: 'invitations',
    table: 'invitation',
    describe:
      'Invitations to join the team: the email, the role offered, who invited and what became of it. Their link tokens are not exported.',
    scope: 'practice_id',
    key: ['id'],
    drop: ['token_hash'],
    notes: {
      sent_at: 'When the current link was sent (a re-send makes a new link).',
      accepted_by: 'The user who joined with it.',
    },
  },
  {
    file: 'categories',
    table: 'category',
    describe: 'Categories of the network (the kinds of professional people are).',
    scope: 'practice_id',
    key: ['id'],
    drop: searchKeys,
    notes: {
      most_wanted_rank: '1–10 on the most-wanted list, empty when not on it.',
      target: "Relationships wanted in the category; empty takes the practice's default.",
    },
  },
  {
    file: 'circles',
    table: 'circle',
    describe: 'Circles: the groups and places where contacts meet (clubs, associations…).',
    scope: 'practice_id',
    key: ['id'],
    drop: searchKeys,
  },
  {
    file: 'contacts',
    table: 'contact',
    describe: 'The network: everyone the practice knows, with their stage and roles.',
    scope: 'practice_id',
    key: ['id'],
    drop: ['name_key', 'email_key', 'organization_key', 'phone_key'],
    lists: [
      {
        as: 'roles',
        table: 'contact_role',
        parent: 'contact_id',
        value: 'role',
        describe: `Their roles: any of ${roles.join(', ')}.`,
      },
      {
        as: 'circle_ids',
        table: 'contact_circle',
        parent: 'contact_id',
        value: 'circle_id',
        describe: 'The circles they belong to (`id` in circles).',
      },
    ],
    notes: {
      name: 'The name as shown; `honorific`, `given_name`, `family_name`, `suffix` are its parts.',
      stage: `The ladder of PRODUCT.md §2: ${stages.join(', ')}.`,
      stage_rank: `The stage as a number, 0 (${stages[0]}) to ${stages.length - 1} (${stages.at(-1)}).`,
      email_consent: '1 when they agreed to relationship email.',
      do_not_ask: '1 when they must never be asked for a referral.',
      keep_in_touch_days: "Their own cadence; empty takes the practice's.",
      is_treating_provider: '1 for a treating provider, who may be told a person was seen.',
      salutation: "Their own greeting style; empty takes the practice's.",
    },
  },
  {
    file: 'stage_changes',
    table: 'stage_change',
    describe: "The history of each contact's stage.",
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'interactions',
    table: 'interaction',
    describe: 'Touches logged with contacts: calls, meetings, emails, notes.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'referrals',
    table: 'referral',
    describe:
      'Referrals received. A referral about an erased person stays, anonymous (`referred_id` empty).',
    scope: 'practice_id',
    key: ['id'],
    lists: [
      {
        as: 'tags',
        table: 'referral_tag',
        parent: 'referral_id',
        value: 'tag',
        describe: 'Its tags.',
      },
    ],
    notes: {
      referrer_id: 'Who referred (`id` in contacts); empty when unknown.',
      referred_id: 'Who was referred (`id` in contacts); empty once erased.',
      status: `One of ${referralStatuses.join(', ')}.`,
      consent_to_update: '1 when the referred person agreed that the referrer be told.',
      first_contact_minutes: 'Minutes from received to first contact (computed).',
      thank_lag_minutes: 'Minutes from received to thanked (computed).',
      update_lag_minutes: 'Minutes from a status change to the referrer being told (computed).',
    },
  },
  {
    file: 'referral_events',
    table: 'referral_event',
    describe: "Each referral's history: created, status moves, corrections, notes.",
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'referrals_given',
    table: 'referral_given',
    describe: 'Referrals the practice gave: a person (`person_id`) sent to a partner.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'moments',
    table: 'moment',
    describe: 'Positive moments with contacts (praise, a good result), which open an ask.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'asks',
    table: 'ask',
    describe: 'Asks for a referral and how each went.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'commitments',
    table: 'commitment',
    describe: 'Commitments contacts made to refer, and how they stand.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'commitment_credits',
    table: 'commitment_credit',
    describe: 'Which referral was credited to which commitment.',
    scope: 'practice_id',
    key: ['commitment_id', 'referral_id'],
  },
  {
    file: 'incentives',
    table: 'incentive',
    describe: 'Incentives promised and delivered, with the ethics verdict and its disclosure.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'goals',
    table: 'goal',
    describe: 'Yearly goals: new clients from referrals.',
    scope: 'practice_id',
    key: ['year'],
  },
  {
    file: 'celebrations',
    table: 'celebration',
    describe: `When each goal's thresholds (${celebrationThresholds.join(', ')} %) were reached.`,
    scope: 'practice_id',
    key: ['year', 'threshold'],
  },
  {
    file: 'messages',
    table: 'message',
    describe:
      'The outbox: every email and letter the practice wrote, queued, sent or failed, with its text.',
    scope: 'practice_id',
    key: ['id'],
    // A password-reset link, sealed: a secret of the recipient's, never exported.
    drop: ['sealed_link'],
    notes: {
      recipient_contact_id: 'To whom (`id` in contacts).',
      cc_contact_id: 'Copied to (`id` in contacts), for an introduction.',
      is_referrer_facing: '1 for a message to a referrer about their referral.',
      subject_type: 'What the message is about (referral, commitment…) with `subject_id`.',
    },
  },
  {
    file: 'letter_templates',
    table: 'letter_template',
    describe: "The practice's own versions of the letter templates.",
    scope: 'practice_id',
    key: ['key'],
  },
  {
    file: 'agenda_marks',
    table: 'agenda_mark',
    describe: 'The state of agenda items: done, snoozed until, dismissed.',
    scope: 'practice_id',
    key: ['item_key'],
    notes: { item_key: 'The agenda item: its kind and the id of what it is about.' },
  },
  {
    file: 'agenda_assignments',
    table: 'agenda_assignment',
    describe: 'Agenda items assigned to a member of the team.',
    scope: 'practice_id',
    key: ['item_key'],
    notes: { item_key: 'The agenda item: its kind and the id of what it is about.' },
  },
  {
    file: 'surveys',
    table: 'survey',
    describe: 'Value-proposition surveys.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'survey_recipients',
    table: 'survey_recipient',
    describe: "Each survey's recipients and their answers. Their link tokens are not exported.",
    scope: 'practice_id',
    key: ['id'],
    drop: ['token_hash'],
    json: ['matched_phrases', 'missed_phrases'],
  },
  {
    file: 'referral_links',
    table: 'referral_link',
    describe: 'Referral links (`/r/<code>`), for a contact or the whole practice.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'intake_submissions',
    table: 'intake_submission',
    describe: 'Forms sent through a referral link, and the referral each made.',
    scope: 'practice_id',
    key: ['id'],
  },
  {
    file: 'imports',
    table: 'import_batch',
    describe:
      'Contact imports: the file, its detected shape and column mapping, the options, the counts and any undo.',
    scope: 'practice_id',
    key: ['id'],
    drop: ['runner'],
    json: ['shape', 'mapping', 'options', 'undo'],
  },
  {
    file: 'import_problems',
    table: 'import_problem',
    describe: "The rows an import could not read: the file's line number and why.",
    scope: 'practice_id',
    key: ['import_id', 'line'],
  },
  {
    file: 'webhook_endpoints',
    table: 'webhook_endpoint',
    describe:
      'Where the practice sends webhooks: the URL, the events, and whether it is failing or paused. Never the signing secret.',
    scope: 'practice_id',
    key: ['id'],
    drop: ['secret_sealed'],
    json: ['events'],
  },
  {
    file: 'audit_log',
    table: 'audit_log',
    describe:
      'Sensitive actions, oldest first: a hash chain (`vouch audit verify` checks it). Details carry ids, never names.',
    scope: 'practice_id',
    key: ['seq'],
    json: ['detail'],
  },
];

/**
 * Tables that are deliberately not in the export, and why. Every table of the database is in
 * the export or here: a test keeps it so, so that a new table is decided on, not forgotten.
 */
export const notExported: Readonly<Record<string, string>> = {
  auth_user: 'in users.json: name and email',
  practice_member: 'in users.json: the role',
  auth_account: 'password hashes',
  auth_session: 'sign-in sessions',
  auth_verification: 'one-time sign-in codes',
  auth_rate_limit: 'request counters of the server',
  auth_throttle: 'request counters of the server',
  api_token: 'API tokens: credentials',
  calendar_feed: 'calendar feed links: credentials',
  audit_head: 'the end of the audit chain, found again from audit_log',
  idempotency_key: 'answers kept a day for retried requests',
  agenda_undo: 'undo steps of the Today page, kept a short while',
  celebration_seen: 'which user has seen which celebration',
  import_chunk: 'the bytes of an uploaded file, kept only until its import finishes',
  webhook_event:
    'notifications sent to webhook endpoints: ids, types and statuses of rows already in the export',
  webhook_delivery: 'the delivery log of webhooks: attempts and answers of the receivers',
  vouch_migration: 'the schema version',
  vouch_migration_lock: 'the schema version',
};

/** The columns a table's file holds: its own (less the dropped ones), then its lists. */
export function columnsOf(entity: ExportEntity, tableColumns: readonly string[]): string[] {
  const drop = new Set(entity.drop ?? []);
  return [...tableColumns.filter((c) => !drop.has(c)), ...(entity.lists ?? []).map((l) => l.as)];
}

/** Columns that name a row of another file, by name. */
const references: Record<string, string> = {
  practice_id: 'practice',
  contact_id: 'contacts',
  referrer_id: 'contacts',
  referred_id: 'contacts',
  person_id: 'contacts',
  partner_id: 'contacts',
  recipient_contact_id: 'contacts',
  cc_contact_id: 'contacts',
  referral_id: 'referrals',
  commitment_id: 'commitments',
  category_id: 'categories',
  circle_id: 'circles',
  survey_id: 'surveys',
  link_id: 'referral_links',
  intake_link_id: 'referral_links',
  moment_id: 'moments',
  ask_id: 'asks',
  user_id: 'users',
  created_by: 'users',
  updated_by: 'users',
  changed_by: 'users',
  entered_by: 'users',
  owner_id: 'users',
  by: 'users',
};

/** What a column means: its note, else what its name says by the export's conventions. */
export function describeColumn(column: string, notes: Readonly<Record<string, string>> = {}) {
  const note = notes[column];
  if (note) return note;
  if (column === 'id') return "The row's id.";
  const target = references[column];
  if (target) return `\`id\` in ${target}.`;
  if (column.endsWith('_at')) return 'An instant (ISO 8601, UTC).';
  if (column.endsWith('_minor')) return 'Money in minor units (cents) of `currency`.';
  return '';
}

/** README.md of the zip: the conventions, each file with its columns, and what is left out. */
export function exportReadme(
  practiceName: string,
  exportedAt: string,
  files: readonly {
    file: string;
    describe: string;
    columns: readonly { name: string; describe: string }[];
  }[],
): string {
  const lines = [
    `# Vouch export: ${practiceName}`,
    '',
    `Exported ${exportedAt}. Everything the practice keeps in Vouch, one entity per file, each`,
    'twice: `<entity>.json` (a JSON array of objects) and `<entity>.csv` (the same columns, with a',
    'header row).',
    '',
    '## Conventions',
    '- Ids are text. A column like `contact_id` holds the `id` of a row of another file (named',
    '  below).',
    "- Instants (`…_at`) are ISO 8601 in UTC; days are `YYYY-MM-DD` in the practice's time zone.",
    '- Money is in integer minor units (`value_minor`: cents) with its ISO 4217 `currency`.',
    '- Yes/no columns are 1 or 0. Empty means none or not known (`null` in JSON).',
    '- Lists (`roles`, `tags`, `circle_ids`) are arrays in JSON and `; `-separated in CSV.',
    '- CSV is UTF-8, RFC 4180 quoting, CRLF line ends; a cell a spreadsheet would run as a formula',
    "  (starting with `= + - @`) starts with `'`.",
    '- Erased people are not here: erasure deleted them (their referrals stay, anonymous).',
    '',
    '## Files',
  ];
  for (const f of files) {
    lines.push('', `### ${f.file}.json, ${f.file}.csv`, f.describe, '');
    for (const c of f.columns)
      lines.push(c.describe ? `- \`${c.name}\`: ${c.describe}` : `- \`${c.name}\``);
  }
  lines.push(
    '',
    '## Not included',
    "Secrets and the server's own bookkeeping: the SMTP password, password hashes, sessions, API",
    'tokens, calendar feed links, survey and opt-out link tokens, and answers kept for retried',
    "requests. Another practice's rows are never in an export.",
    '',
  );
  return lines.join('\n');
}

/** A value as JSON writes it: a Date as an instant; JSON text of a `json` column parsed. */
export function jsonValue(value: unknown, isJsonText = false): unknown {
  if (value instanceof Date) return toTimestamp(value);
  if (isJsonText && typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** A value as a CSV cell: empty for null, lists joined with "; ", instants as text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return toTimestamp(value);
  if (Array.isArray(value)) return value.map(csvCell).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One row of `<entity>.json`, its keys in the file's column order. */
export function jsonRow(
  row: Readonly<Record<string, unknown>>,
  columns: readonly string[],
  jsonColumns: ReadonlySet<string> = new Set(),
): string {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c] = jsonValue(row[c] ?? null, jsonColumns.has(c));
  return JSON.stringify(out);
}

/** A cell a spreadsheet would run as a formula, as csvLine (csv-stringify) tells them. */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const quotedWhen = /[",\r\n]/;

/**
 * A cell as csvLine writes it (formula escaped, RFC 4180 quoting). The export writes hundreds
 * of thousands of records: csv-stringify's setup per record made most of the CSV's time and
 * garbage. export.rules.test.ts holds both to the same output.
 */
function csvText(cell: string): string {
  if (cell === '') return cell;
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return quotedWhen.test(cell) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV record with CRLF, the same as csvLine(cells), built without csv-stringify. */
export function csvRecord(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvText(cells[i] ?? '');
  return `${line}\r\n`;
}

/** One record of `<entity>.csv`, in the file's column order. */
export const csvRow = (row: Readonly<Record<string, unknown>>, columns: readonly string[]) =>
  csvRecord(columns.map((c) => csvCell(row[c])));

/** The export's file name: the practice's day of it. */
export const exportFileName = (day: string) => `vouch-export-${day}`;
