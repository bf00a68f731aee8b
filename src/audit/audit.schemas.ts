import { z } from '@hono/zod-openapi';
import { pageFields, ZDayOrInstant, ZId, ZTimestamp } from '../platform/fields.ts';

export const ZListAuditQuery = z.strictObject({
  action: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.-]+$/, 'is not an action name, like incentive.created')
    .optional(),
  userId: ZId.optional(),
  from: ZDayOrInstant.optional(),
  to: ZDayOrInstant.optional(),
  ...pageFields,
});
export type ListAuditQuery = z.infer<typeof ZListAuditQuery>;

export const ZAuditEntry = z
  .object({
    id: z.string(),
    /** Its place in the practice's hash chain. */
    seq: z.number().int(),
    at: ZTimestamp,
    action: z.string(),
    /** Who did it; null for the system (a job, the command line). */
    user: z.object({ id: z.string(), name: z.string() }).nullable(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    /** What changed, ids only; null when there was none or it was erased. */
    detail: z.unknown().nullable(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z
  .object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() })
  .openapi('AuditPage');
export type AuditPage = z.infer<typeof ZAuditPage>;

export const ZAuditActions = z.object({ items: z.array(z.string()) }).openapi('AuditActions');
