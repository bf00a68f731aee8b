import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { accountRoutes, publicAccountRoutes } from './accounts/account.routes.ts';
import { resolveActor } from './accounts/account.service.ts';
import { publicPasswordResetRoutes } from './accounts/password-reset.routes.ts';
import { agendaRoutes, publicCalendarRoutes } from './agenda/agenda.routes.ts';
import { askRoutes } from './asks/ask.routes.ts';
import { ZAskOutcome } from './asks/ask.schemas.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { commitmentRoutes } from './commitments/commitment.routes.ts';
import { contactRoutes } from './contacts/contact.routes.ts';
import { demoRoutes } from './demo/demo.routes.ts';
import { ethicsRoutes } from './ethics/ethics.routes.ts';
import { exportRoutes } from './exports/export.routes.ts';
import { goalRoutes } from './goals/goal.routes.ts';
import { ZGoalProgress } from './goals/goal.schemas.ts';
import { importRoutes, importUploadPath } from './imports/import.routes.ts';
import { ZImportCandidate, ZImportUndo } from './imports/import.schemas.ts';
import { incentiveRoutes } from './incentives/incentive.routes.ts';
import { insightRoutes } from './insights/insight.routes.ts';
import { interactionRoutes } from './interactions/interaction.routes.ts';
import { createIntakeLimit, intakePageRoutes, publicIntakeRoutes } from './kit/intake.routes.ts';
import { referralLinkRoutes } from './kit/referral-link.routes.ts';
import { letterRoutes } from './letters/letter.routes.ts';
import { categoryRoutes } from './network/category.routes.ts';
import { circleRoutes } from './network/circle.routes.ts';
import { ZCircleKind } from './network/circle.schemas.ts';
import { ZGroup } from './network/group.schemas.ts';
import { onboardingRoutes } from './onboarding/onboarding.routes.ts';
import { optOutRoutes, outboxRoutes } from './outbox/outbox.routes.ts';
import { ZMessage } from './outbox/outbox.schemas.ts';
import { requireActor } from './platform/actor.ts';
import { isDatabaseReachable } from './platform/db.ts';
import type { Deps } from './platform/deps.ts';
import { AppError } from './platform/errors.ts';
import { ZRef } from './platform/fields.ts';
import {
  type AppEnv,
  createRouter,
  handleError,
  jsonBodyGuard,
  jsonContent,
  problemResponse,
} from './platform/http.ts';
import { idempotencyGuard, withIdempotencyKeyParameter } from './platform/idempotency.ts';
import { nullableRefsAsAnyOf } from './platform/openapi-document.ts';
import { crossSiteGuard, securityHeaders } from './platform/web-security.ts';
import { practiceRoutes, publicPracticeRoutes } from './practices/practice.routes.ts';
import { givenRoutes } from './referrals/given.routes.ts';
import { introductionRoutes } from './referrals/introduction.routes.ts';
import { referralRoutes } from './referrals/referral.routes.ts';

import { publicSurveyRoutes, surveyRoutes } from './survey/survey.routes.ts';
import { publicTeamRoutes, teamRoutes } from './team/team.routes.ts';
import { registerWebhookEvents, webhookRoutes } from './webhooks/webhook.routes.ts';

export const webDist = path.resolve(import.meta.dirname, '../web/dist');

function healthRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['System'],
      operationId: 'getHealth',
      summary: 'Check the server and its database',
      description:
        'No sign-in. 200 when the database answers (with the dialect), 503 when it does not.',
      responses: {
        200: jsonContent(
          z.object({
            status: z.literal('ok'),
            database: z.literal('reachable'),
            dialect: z.enum(['sqlite', 'postgres']),
          }),
          'Up',
        ),
        503: jsonContent(
          z.object({ status: z.literal('unavailable'), database: z.literal('unreachable') }),
          'Down',
        ),
      },
    }),
    async (c) =>
      (await isDatabaseReachable(deps.db))
        ? c.json(
            { status: 'ok' as const, database: 'reachable' as const, dialect: deps.dialect },
            200,
          )
        : c.json({ status: 'unavailable' as const, database: 'unreachable' as const }, 503),
  );
  return r;
}

/** Hono's `/contacts/:id` as OpenAPI writes it, `/contacts/{id}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The paths a set of routers serves, to attach guards to exactly those. */
const pathsOf = (routers: OpenAPIHono<AppEnv>[]) =>
  new Set(routers.flatMap((r) => r.routes.map((route) => route.path)));

/**
 * The REST API under /api/v1: public routes first, then everything that needs an actor. Guards
 * are attached to the known paths only, so an unknown path is a plain 404 rather than a 401.
 */
export function createApi(deps: Deps, intakeLimit = createIntakeLimit(deps)) {
  const api = createRouter();
  const publicRouters = [
    healthRoutes(deps),
    publicPracticeRoutes(),
    publicAccountRoutes(deps),
    publicPasswordResetRoutes(deps),
    publicSurveyRoutes(deps),
    publicIntakeRoutes(deps, intakeLimit),
    publicTeamRoutes(deps),
  ];
  const protectedRouters = [
    accountRoutes(deps),
    teamRoutes(deps),
    practiceRoutes(deps),
    onboardingRoutes(deps),
    // Before the contacts' routes: /contacts/{id} would take /contacts/export.csv.
    exportRoutes(deps),
    contactRoutes(deps),
    categoryRoutes(deps),
    circleRoutes(deps),
    interactionRoutes(deps),
    referralRoutes(deps),
    introductionRoutes(deps),
    givenRoutes(deps),
    demoRoutes(deps),
    letterRoutes(deps),
    outboxRoutes(deps),
    askRoutes(deps),
    commitmentRoutes(deps),
    ethicsRoutes(deps),
    incentiveRoutes(deps),
    goalRoutes(deps),
    surveyRoutes(deps),
    insightRoutes(deps),
    agendaRoutes(deps),
    auditRoutes(deps),
    referralLinkRoutes(deps),
    importRoutes(deps),
    webhookRoutes(deps),
  ];
  // Named schemas that some answers wrap in .nullable(): zod-to-openapi makes a component of the
  // first form it meets, so they are registered as themselves before any route uses them.
  const nullableSomewhere = {
    ContactRef: ZRef,
    Group: ZGroup,
    CircleKind: ZCircleKind,
    AskOutcome: ZAskOutcome,
    GoalProgress: ZGoalProgress,
    Message: ZMessage,
    ImportUndo: ZImportUndo,
    ImportCandidate: ZImportCandidate,
  };
  for (const [name, schema] of Object.entries(nullableSomewhere))
    api.openAPIRegistry.register(name, schema);
  const bodyGuard = jsonBodyGuard(['/api/v1/auth/sign-out', '/api/v1/auth/sign-out-everywhere']);
  // An import's upload is the file itself, streamed under its own size limit (not JSON, not 1 MB).
  const rawBodyPaths = new Set([importUploadPath]);
  for (const path of pathsOf([...publicRouters, ...protectedRouters]))
    if (!rawBodyPaths.has(path)) api.use(path, bodyGuard);
  const actorGuard = requireActor((headers) => resolveActor(deps, headers));
  for (const path of pathsOf(protectedRouters)) api.use(path, actorGuard);
  // Idempotency-Key on any signed-in POST; the answers that hold a secret are never kept.
  const keyGuard = idempotencyGuard(deps);
  const secretKeyGuard = idempotencyGuard(deps, { keepAnswer: false });
  const secretPaths = new Set([
    '/tokens',
    '/calendar-feeds',
    '/calendar-feeds/:id/rotate',
    '/invitations',
    '/invitations/:id/resend',
    '/webhooks',
  ]);
  // Not on an upload: a key's hash covers the body, which would have to be read whole first.
  for (const path of pathsOf(protectedRouters))
    if (!rawBodyPaths.has(path)) api.use(path, secretPaths.has(path) ? secretKeyGuard : keyGuard);
  for (const router of [...publicRouters, ...protectedRouters]) api.route('/', router);
  // The opt-out link works without signing in, and mail clients post it as a form (RFC 8058).
  api.route('/', optOutRoutes(deps));
  // A calendar feed's secret URL is polled by calendar apps, which cannot sign in.
  api.route('/', publicCalendarRoutes(deps));

  const openApiConfig: Parameters<typeof api.getOpenAPI31Document>[0] = {
    openapi: '3.1.0',
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    info: {
      title: 'Vouch API',
      version: '1',
      // The conventions every operation shares, in short; docs/API.md has them in full.
      description:
        'The referral engine for professional practices. Authenticate with the session ' +
        'cookie (sign-in) or `Authorization: Bearer <API token>`; everything is scoped to ' +
        "the caller's practice (another practice's id is a 404). Errors are " +
        'application/problem+json with a `code` and, for field errors, `errors` naming each ' +
        'field. Lists page with `limit` and `cursor` (answering `nextCursor`). Signed-in ' +
        'POSTs accept `Idempotency-Key`. Instants are ISO 8601 UTC, days `YYYY-MM-DD` in ' +
        "the practice's time zone, money integer minor units with an ISO 4217 currency.",
    },
  };
  const protectedPosts = new Set(
    protectedRouters.flatMap((r) =>
      r.routes
        .filter((route) => route.method === 'POST' && !rawBodyPaths.has(route.path))
        .map((route) => openApiPath(route.path)),
    ),
  );
  // Built on the first request (every route and component is registered by then), then kept:
  // the routes do not change while the server runs.
  let openApiDocument: ReturnType<typeof api.getOpenAPI31Document> | undefined;
  api.get('/openapi.json', (c) => {
    openApiDocument ??= nullableRefsAsAnyOf(
      withIdempotencyKeyParameter(api.getOpenAPI31Document(openApiConfig), protectedPosts),
    );
    return c.json(openApiDocument);
  });
  registerWebhookEvents(api.openAPIRegistry);
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'vouch.session_token',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  return api;
}

/** The whole HTTP app: API, then the web bundle with a fallback to index.html for client routes. */
export function createApp(deps: Deps) {
  const app = new Hono();
  app.onError(handleError);
  app.use('*', securityHeaders(deps.config), crossSiteGuard(deps.config));
  // The intake page's form and its JSON twin share one count per client address.
  const intakeLimit = createIntakeLimit(deps);
  app.route('/api/v1', createApi(deps, intakeLimit));
  app.all('/api/*', () =>
    problemResponse(
      new AppError('not_found', 'There is no such API route. See /api/v1/openapi.json.'),
    ),
  );
  // The public intake page of a referral link (§3.9): server-rendered, no web bundle needed.
  app.route('/', intakePageRoutes(deps, intakeLimit));
  if (existsSync(webDist)) {
    const root = path.relative(process.cwd(), webDist);
    app.use('/*', serveStatic({ root }));
    app.get('*', async (c) => c.html(await readFile(path.join(webDist, 'index.html'), 'utf8')));
  } else {
    app.get('*', (c) =>
      c.text('The web app is not built yet. Run `npm run build`, then reload.', 503),
    );
  }
  return app;
}
