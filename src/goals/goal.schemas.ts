import { z } from '@hono/zod-openapi';
import { ZTimestamp } from '../platform/fields.ts';

export const ZYearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2026 }),
});

export const ZCelebrationParams = ZYearParam.extend({
  threshold: z.coerce
    .number()
    .int()
    .min(25)
    .max(100)
    .refine((t) => [25, 50, 75, 100].includes(t), { message: 'must be one of: 25, 50, 75, 100' })
    .openapi({ param: { name: 'threshold', in: 'path' }, example: 50 }),
});

export const ZPutGoal = z
  .strictObject({
    targetClients: z.number().int().min(1).max(10_000),
    emailTeam: z.boolean().optional(),
  })
  .openapi('PutGoal');
export type PutGoal = z.infer<typeof ZPutGoal>;

export const ZGoalProgress = z
  .object({
    year: z.number(),
    targetClients: z.number(),
    emailTeam: z.boolean(),
    monthlyTarget: z.number(),
    conversion: z.object({
      rate: z.number(),
      source: z.enum(['default', 'own']),
      closedLast12Months: z.number(),
      explanation: z.string(),
    }),
    referralsNeededPerMonth: z.number(),
    clientsThisYear: z.number(),
    clientsThisMonth: z.number(),
    referralsThisMonth: z.number(),
    expectedByToday: z.number(),
    pace: z.enum(['ahead', 'on_track', 'behind']),
    forecastYearEnd: z.number(),
    percentOfGoal: z.number(),
    celebrations: z.array(
      z.object({ threshold: z.number(), reachedAt: ZTimestamp, seenByMe: z.boolean() }),
    ),
  })
  .openapi('GoalProgress');
export type GoalProgress = z.infer<typeof ZGoalProgress>;
