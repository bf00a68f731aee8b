/**
 * What an Insights chart says instead of drawing empty axes: why it is empty and what to do
 * (issue 11: empty states say what to do).
 */
export const EMPTY_CHART = {
  referrals:
    'No referrals in this range yet. Record each referral as it arrives (Add referral), or choose a longer range.',
  byCircle:
    'No referrals from people in your circles in this range. Put contacts in circles (Network → Circles) to see which circles send you referrals.',
  byCategory:
    'No referrals from contacts with a category in this range. Give contacts a category on their page to see which kinds of people refer.',
  byTag:
    'No tagged referrals in this range. Tag each referral with the need it came for to see what you are known for.',
  reciprocity:
    'Nothing exchanged with partners in this range. Record the referrals you give (Referrals → Given) as well as those you receive.',
  mostWanted:
    'No most-wanted categories yet. List the kinds of people you want to know (Network → Most wanted).',
  networkGrowth:
    'Nobody was added to your network in this range. Add contacts as you meet them, with their stage.',
  momentum:
    'No referrals in this range yet, so there is no trend. Record referrals as they arrive and ask, thank and give back.',
} as const;

/** Whether any row has a positive value in one of the fields: otherwise the chart is empty. */
export function hasData<K extends string>(
  rows: readonly Partial<Record<K, number | null | undefined>>[],
  ...fields: K[]
): boolean {
  return rows.some((row) => fields.some((f) => (row[f] ?? 0) > 0));
}

/** `sentence` when the chart has nothing to draw, else undefined. */
export const emptyUnless = (isDrawn: boolean, sentence: string): string | undefined =>
  isDrawn ? undefined : sentence;
