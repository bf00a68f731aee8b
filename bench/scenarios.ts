/**
 * The benchmark's scenarios: each calls the app's API and the raw-SQL floor for the same data.
 * `app` and `floor` reject on a wrong answer, so a fast error never counts as speed.
 */
export type BenchContext = {
  appUrl: string;
  floorUrl: string;
  token: string;
  practiceId: string;
  userId: string;
  categoryId: string;
  busiestReferrerId: string;
  contactIds: string[];
  /** The busiest referrer's referral link: the intake scenario's public code. */
  intakeCode: string;
};

export type Scenario = {
  name: string;
  target: string;
  app: (ctx: BenchContext, i: number) => Promise<void>;
  floor: (ctx: BenchContext, i: number) => Promise<void>;
};

async function ok(res: Response, what: string): Promise<void> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

const get = (ctx: BenchContext, path: string) =>
  fetch(`${ctx.appUrl}${path}`, { headers: { authorization: `Bearer ${ctx.token}` } }).then((r) =>
    ok(r, path),
  );
const floorGet = (ctx: BenchContext, path: string) =>
  fetch(`${ctx.floorUrl}${path}`).then((r) => ok(r, `floor ${path}`));
const pick = (ctx: BenchContext, i: number) =>
  ctx.contactIds[(i * 7919) % ctx.contactIds.length] as string;

/** Each run's intake emails are new people: a scenario runs twice (median, then load). */
const runTag = Math.random().toString(36).slice(2, 8);

export const scenarios: Scenario[] = [
  {
    name: 'list contacts (stage + category, 50)',
    target: '≤ 3× floor',
    app: (ctx) => get(ctx, `/contacts?stage=trusts&categoryId=${ctx.categoryId}&limit=50`),
    floor: (ctx) => floorGet(ctx, `/contacts?stage=trusts&categoryId=${ctx.categoryId}`),
  },
  {
    name: 'referral board (5 columns × 50)',
    target: '≤ 3× floor',
    app: (ctx) => get(ctx, '/referrals/board'),
    floor: (ctx) => floorGet(ctx, '/board'),
  },
  {
    name: 'contact timeline (busiest referrer)',
    target: '≤ 3× floor',
    app: (ctx) => get(ctx, `/contacts/${ctx.busiestReferrerId}/timeline`),
    floor: (ctx) => floorGet(ctx, `/timeline/${ctx.busiestReferrerId}`),
  },
  {
    name: 'Today agenda (all 12 kinds)',
    target: '≤ 2× floor, ≤ 50 ms',
    app: (ctx) => get(ctx, '/agenda'),
    floor: (ctx) => floorGet(ctx, '/replay/agenda'),
  },
  {
    name: 'full insights (last 12 months)',
    target: '≤ 1.5× floor, ≤ 200 ms',
    app: (ctx) => get(ctx, '/insights'),
    floor: (ctx) => floorGet(ctx, '/replay/insights'),
  },
  {
    name: 'create referral',
    target: '≥ 1,000 req/s',
    app: (ctx, i) =>
      fetch(`${ctx.appUrl}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
        body: JSON.stringify({
          referred: { contactId: pick(ctx, i) },
          referrer: { contactId: pick(ctx, i + 1) },
          channel: 'phone',
          need: 'bench need',
          tags: ['bench'],
        }),
      }).then((r) => ok(r, 'create referral')),
    floor: (ctx, i) =>
      fetch(`${ctx.floorUrl}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          referredId: pick(ctx, i),
          referrerId: pick(ctx, i + 1),
          userId: ctx.userId,
        }),
      }).then((r) => ok(r, 'floor create referral')),
  },
  {
    name: 'intake submit (a new person each)',
    // The floor writes the same person, referral, event and submission; the app also audits
    // the consent (hash chain), credits the referrer's commitment and reads the practice's
    // settings and team: about 19 statements to the floor's 9.
    target: '≤ 4× floor',
    app: (ctx, i) =>
      fetch(`${ctx.appUrl}/public/intake/${ctx.intakeCode}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Intake Person ${i}`,
          email: `intake-app-${i}-${runTag}@example.com`,
          message: 'bench need',
          consentToUpdate: true,
        }),
      }).then((r) => ok(r, 'intake submit')),
    floor: (ctx, i) =>
      fetch(`${ctx.floorUrl}/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: ctx.intakeCode,
          name: `Intake Person ${i}`,
          email: `intake-floor-${i}-${runTag}@example.com`,
          userId: ctx.userId,
        }),
      }).then((r) => ok(r, 'floor intake')),
  },
];
