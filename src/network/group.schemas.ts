import { z } from '@hono/zod-openapi';
import { ZName, ZTimestamp } from '../platform/fields.ts';

/** Categories (occupations) and circles (groups) share one shape for now. */
export const ZGroup = z
  .object({ id: z.string(), name: z.string(), createdAt: ZTimestamp })
  .openapi('Group');
export type Group = z.infer<typeof ZGroup>;

export const ZCreateGroup = z.strictObject({ name: ZName }).openapi('CreateGroup');
export const ZGroupList = z.object({ items: z.array(ZGroup) });

export type GroupKind = 'category' | 'circle';
export const groupLabels: Record<GroupKind, { one: string; path: string; tag: string }> = {
  category: { one: 'category', path: '/categories', tag: 'Categories' },
  circle: { one: 'circle', path: '/circles', tag: 'Circles' },
};
