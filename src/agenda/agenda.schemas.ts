import { z } from '@hono/zod-openapi';
import { ZId, ZInstant, ZText, ZTimestamp } from '../platform/fields.ts';
import { agendaKinds, urgencies } from './agenda.rules.ts';

export const ZAgendaKind = z.enum(agendaKinds).openapi('AgendaKind');
export const ZUrgency = z.enum(urgencies).openapi('AgendaUrgency');

const ZBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .openapi({ type: 'boolean' });

export const ZAgendaQuery = z.strictObject({
  at: ZInstant.optional(),
  includeSnoozed: ZBool.optional(),
  horizon: z.enum(['day', 'week']).optional(),
  perKind: z.coerce.number().int().min(1).max(500).optional(),
  assignee: z.enum(['mine', 'everyone']).optional().openapi({
    description: '`mine`: only the items assigned to the caller; `everyone` (the default): all.',
  }),
});
export type AgendaQuery = z.infer<typeof ZAgendaQuery>;

/** An item key as it appears in a path: kind, subject id and cause version, colon-separated. */
const ZKey = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z_]+:[A-Za-z0-9_-]+(:[A-Za-z0-9_.-]+)?$/, 'is not an agenda item key');
export const ZItemKeyParam = z.object({
  key: ZKey.openapi({
    param: { name: 'key', in: 'path' },
    example: 'respond:019a…:1764108000000',
  }),
});

const ZAction = z
  .object({
    label: z.string(),
    method: z.enum(['POST', 'PATCH', 'PUT', 'DELETE']),
    path: z.string(),
    body: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AgendaAction');

export const ZAgendaItem = z
  .object({
    key: z.string(),
    kind: ZAgendaKind,
    rank: z.number().int(),
    title: z.string(),
    forWhom: z.object({ id: z.string(), name: z.string() }).nullable(),
    party: z.object({ id: z.string(), name: z.string() }).nullable(),
    why: z.string(),
    dueAt: ZTimestamp.nullable(),
    urgency: ZUrgency,
    action: ZAction,
    secondary: ZAction.optional(),
    subject: z.object({ type: z.string(), id: z.string() }),
    snoozedUntil: ZTimestamp.optional(),
    undoable: z.boolean().openapi({
      description:
        'Whether `POST /agenda/{key}/do` does its actions (with an undo); otherwise follow `action`.',
    }),
    assignee: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: 'The member it is assigned to; null: everyone’s.' }),
  })
  .openapi('AgendaItem');

export const ZAssignItem = z
  .strictObject({
    userId: ZId.nullable().openapi({
      description: 'A member of the team, or null to give the item back to everyone.',
    }),
  })
  .openapi('AssignAgendaItem');

export const ZAssignment = z
  .object({
    key: z.string(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi('AgendaAssignment');

export const ZAgenda = z
  .object({
    at: ZTimestamp,
    items: z.array(ZAgendaItem),
    counts: z.object({
      overdue: z.number().int(),
      today: z.number().int(),
      this_week: z.number().int(),
      later: z.number().int(),
    }),
    truncated: z.array(ZAgendaKind),
  })
  .openapi('Agenda');

export const ZSnooze = z.strictObject({ until: ZInstant }).openapi('SnoozeAgendaItem');
export const ZDismiss = z
  .strictObject({ reason: ZText(500).pipe(z.string().min(1)) })
  .openapi('DismissAgendaItem');

export const ZBulkAction = z
  .strictObject({
    action: z.enum(['snooze', 'dismiss', 'done']),
    keys: z.array(ZKey).min(1).max(500).optional(),
    olderThanDays: z.number().int().min(1).max(366).optional(),
    until: ZInstant.optional(),
    reason: ZText(500).optional(),
  })
  .openapi('BulkAgendaAction');

export const ZPerformItem = z
  .strictObject({ which: z.enum(['primary', 'secondary']).optional() })
  .openapi('PerformAgendaItem');

export const ZPerformAction = z
  .strictObject({
    method: z.enum(['POST', 'PATCH']),
    path: z.string().min(1).max(300).openapi({ example: '/referrals/019a…/thanks' }),
    body: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('PerformAction');

export const ZActionResult = z
  .object({
    count: z.number().int(),
    keys: z.array(z.string()),
    undoId: z.string().nullable(),
  })
  .openapi('AgendaActionResult');

export const ZUndo = z.strictObject({}).openapi('UndoAgendaAction');
export const ZUndoIdParam = z.object({
  id: ZId.openapi({ param: { name: 'id', in: 'path' } }),
});

export const ZCalendarFeed = z
  .object({ id: z.string(), createdAt: ZTimestamp, revokedAt: ZTimestamp.nullable() })
  .openapi('CalendarFeed');
export const ZCalendarFeedList = z.object({ items: z.array(ZCalendarFeed) });
export const ZCalendarFeedCreated = z
  .object({ id: z.string(), url: z.string() })
  .openapi('CalendarFeedCreated');
export const ZCreateCalendarFeed = z.strictObject({});
export const ZFeedIdParam = z.object({ id: ZId.openapi({ param: { name: 'id', in: 'path' } }) });
