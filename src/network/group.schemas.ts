import { z } from '@hono/zod-openapi';
import { ZName, ZTimestamp } from '../platform/fields.ts';

/** The short form of a category or circle, as contacts carry it. */
export const ZGroup = z
  .object({ id: z.string(), name: z.string(), createdAt: ZTimestamp })
  .openapi('Group');
export type Group = z.infer<typeof ZGroup>;

export const ZCreateGroup = z.strictObject({ name: ZName }).openapi('CreateGroup');

export type GroupKind = 'category' | 'circle';
