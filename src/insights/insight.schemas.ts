import { z } from '@hono/zod-openapi';
import { ZRole } from '../contacts/contact.schemas.ts';
import { ZGoalProgress } from '../goals/goal.schemas.ts';
import { ZDay } from '../platform/fields.ts';
import { ZChannel } from '../referrals/referral.schemas.ts';

/** The sections that are one chart each: the chart has the section's name. */
const wholeSections = [
  'conversion',
  'responsiveness',
  'reciprocity',
  'mostWanted',
  'networkGrowth',
  'momentum',
  'goal',
  'warmHandoff',
] as const;

export const insightSections = ['where', 'who', 'why', 'when', ...wholeSections] as const;
export type InsightSection = (typeof insightSections)[number];

/** The charts, each one query and one CSV. */
export const insightCharts = [
  'byChannel',
  'byCircle',
  'topReferrers',
  'byCategory',
  'byRole',
  'byTag',
  'byMonth',
  'byWeekday',
  'metToFirstReferral',
  'askToReferral',
  ...wholeSections,
] as const;
export type InsightChart = (typeof insightCharts)[number];

const ZRangeQuery = {
  from: ZDay.optional(),
  to: ZDay.optional(),
};

export const ZInsightsQuery = z.strictObject({
  ...ZRangeQuery,
  sections: z
    .string()
    .max(300)
    .transform((s, ctx) => {
      const list = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const unknown = list.filter((x) => !(insightSections as readonly string[]).includes(x));
      if (list.length === 0 || unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a comma list of: ${insightSections.join(', ')}`,
        });
        return z.NEVER;
      }
      return list as InsightSection[];
    })
    .optional(),
});
export type InsightsQuery = z.infer<typeof ZInsightsQuery>;

export const ZCsvQuery = z.strictObject(ZRangeQuery);
export type CsvQuery = z.infer<typeof ZCsvQuery>;

/** The chart CSVs by their path segment: Hono's path params cannot carry a literal suffix. */
const chartFiles = insightCharts.map((chart) => `${chart}.csv` as const);

export const ZChartParam = z.object({
  chart: z
    .enum(chartFiles, { error: `must be one of: ${chartFiles.join(', ')}` })
    .transform((file) => file.slice(0, -'.csv'.length) as InsightChart)
    .openapi({ param: { name: 'chart', in: 'path' }, example: 'byChannel.csv' }),
});

const ZRef = z.object({ id: z.string(), name: z.string() });
const counts = { referrals: z.number(), clients: z.number() };
const ZMedian = z.object({ median: z.number().nullable(), count: z.number() });

export const ZInsights = z
  .object({
    range: z.object({ from: z.string(), to: z.string() }),
    where: z
      .object({
        byChannel: z.array(z.object({ channel: ZChannel, ...counts })),
        byCircle: z.array(z.object({ circle: ZRef, ...counts })),
      })
      .optional(),
    who: z
      .object({
        topReferrers: z.array(z.object({ contact: ZRef, ...counts, value: z.number() })),
        byCategory: z.array(z.object({ category: ZRef.nullable(), ...counts })),
        byRole: z.array(z.object({ role: ZRole, ...counts, conversion: z.number() })),
      })
      .optional(),
    why: z.object({ byTag: z.array(z.object({ tag: z.string(), ...counts })) }).optional(),
    when: z
      .object({
        byMonth: z.array(z.object({ month: z.string(), ...counts })),
        byWeekday: z.array(z.object({ weekday: z.number(), referrals: z.number() })),
        metToFirstReferralDays: ZMedian,
        askToReferralDays: ZMedian,
      })
      .optional(),
    conversion: z
      .object({
        overall: z.number(),
        bySource: z.array(
          z.object({
            /** The channel, or warm_handoff for warm introductions (§3.9). */
            source: z.union([ZChannel, z.literal('warm_handoff')]),
            ...counts,
            conversion: z.number(),
            valueMinor: z.number(),
          }),
        ),
      })
      .optional(),
    responsiveness: z
      .object({
        medianMinutesToFirstContact: z.number().nullable(),
        shareInsideWindow: z.number().nullable(),
        thankLagHoursMedian: z.number().nullable(),
        updateLagHoursMedian: z.number().nullable(),
      })
      .optional(),
    reciprocity: z
      .object({
        partners: z.array(
          z.object({ partner: ZRef, received: z.number(), given: z.number(), balance: z.number() }),
        ),
        owed: z.number().openapi({
          description:
            'How many people are owed a referral back: the count of GET /reciprocity rows with ' +
            'isOwed (all time, balance at or above the give-back threshold), whatever the range.',
        }),
        threshold: z.number(),
      })
      .optional(),
    mostWanted: z
      .array(z.object({ category: ZRef, coverage: z.number(), target: z.number() }))
      .optional(),
    networkGrowth: z
      .array(
        z.object({
          month: z.string(),
          met: z.number(),
          knows: z.number(),
          likes: z.number(),
          trusts: z.number(),
          refers: z.number(),
        }),
      )
      .optional(),
    momentum: z
      .object({
        perMonth: z.array(z.object({ month: z.string(), referrals: z.number() })),
        trendPerMonth: z.number(),
        doublingTimeMonths: z.number().nullable(),
      })
      .optional(),
    goal: ZGoalProgress.nullable().optional(),
    warmHandoff: z
      .object({
        groups: z
          .array(
            z.object({
              group: z.enum(['warm', 'other']),
              contacted: z.number(),
              clients: z.number(),
              rate: z.number().nullable(),
            }),
          )
          .openapi({
            description:
              'Completion (contacted → client), warm handoffs and the rest, in that order: of the referrals received in the range with a first contact, how many became clients; rate = clients / contacted (null when none was contacted).',
          }),
        timesAsOften: z.number().nullable().openapi({
          description:
            "How many times as often warm handoffs completed as the rest (one decimal); null unless both have a rate and the rest's is above zero.",
        }),
        explanation: z.string().openapi({
          description:
            'One or two sentences to show with the chart: the benchmark and what is counted.',
        }),
      })
      .optional(),
  })
  .openapi('Insights');
export type Insights = z.infer<typeof ZInsights>;
