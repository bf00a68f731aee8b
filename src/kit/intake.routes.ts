import { createRoute } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientIpOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  problemResponse,
  problemResponses,
  vcardResponse,
} from '../platform/http.ts';
import {
  addressKey,
  type FixedWindow,
  fixedWindow,
  limitPostsByAddress,
  tooManyFromAddress,
} from '../platform/rate-limit.ts';
import { fieldErrorsOf } from '../platform/validation-messages.ts';
import {
  type FormValues,
  intakeFormPage,
  intakeMissingPage,
  intakeThanksPage,
  intakeTooManyPage,
} from './intake.page.ts';
import { intakeWindows } from './intake.rules.ts';
import { intakeLimits, ZCodeParam, ZIntakeReceipt, ZIntakeSubmission } from './intake.schemas.ts';
import { intakeThanks, intakeVcard, openIntakePage, submitIntake } from './intake.service.ts';
import { normaliseLinkCode } from './referral-link.rules.ts';

const tags = ['Referral kit'];

/** The per-address limit shared by the intake page's form and its JSON twin. */
export function createIntakeLimit(deps: Deps): FixedWindow {
  return fixedWindow(deps.config.intakeLimits.perAddress, intakeWindows.perAddressMs, () =>
    deps.clock.now().getTime(),
  );
}

const tooLarge = () =>
  new AppError(
    'payload_too_large',
    `The form is larger than ${intakeLimits.bodyBytes / 1024} KB. Shorten your message.`,
  );

/** `POST /api/v1/public/intake/{code}`: the intake form as JSON, for integrations. */
export function publicIntakeRoutes(deps: Deps, window: FixedWindow) {
  const r = createRouter();
  r.use('/public/intake/*', limitPostsByAddress(window, 'messages'));
  r.use(
    '/public/intake/*',
    bodyLimit({ maxSize: intakeLimits.bodyBytes, onError: () => problemResponse(tooLarge()) }),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/public/intake/{code}',
      tags,
      operationId: 'sendIntakeForm',
      summary: 'Send the intake form of a referral link',
      description:
        'No sign-in: the code of `/r/{code}` is the only key. Makes the person (or takes the ' +
        "practice's contact with that email, revealing nothing about it) and a referral " +
        "credited to the link's referrer (channel `intake_link`), starts its response clock " +
        'and tells the practice. The answer says what happens next and nothing else. Limits ' +
        '(429 with Retry-After): 10 forms per client address in 10 minutes and 30 per link in ' +
        'an hour by default (VOUCH_INTAKE_PER_ADDRESS, VOUCH_INTAKE_PER_LINK); bodies up to ' +
        `${intakeLimits.bodyBytes / 1024} KB. An unknown or revoked code is 404.`,
      security: [],
      request: { params: ZCodeParam, ...jsonBody(ZIntakeSubmission) },
      responses: {
        201: jsonContent(ZIntakeReceipt, 'Received'),
        413: problemResponses[400],
        429: problemResponses[400],
        ...problemResponses,
      },
    }),
    async (c) =>
      c.json(await submitIntake(deps, c.req.valid('param').code, c.req.valid('json')), 201),
  );
  return r;
}

const formFields = ['name', 'email', 'phone', 'message', 'heardFrom', 'consent'] as const;

/** The form's strings as the JSON shape: empty fields left out, the box ticked or not. */
function submissionOf(values: FormValues, honeypot: string | undefined) {
  const text = (v: string | undefined) => (v?.trim() ? v : undefined);
  return {
    name: values.name ?? '',
    email: text(values.email),
    phone: text(values.phone),
    message: text(values.message),
    heardFrom: text(values.heardFrom),
    consentToUpdate: values.consent === 'yes',
    website: honeypot,
  };
}

/**
 * `GET /r/{code}` and `POST /r/{code}`: the public intake page and its form, server-rendered
 * HTML (§3.9). `?preview` shows the page without counting a visit (the Kit page's preview).
 */
export function intakePageRoutes(deps: Deps, window: FixedWindow) {
  const app = new Hono();
  const answer = async (page: Promise<string> | string, status: 200 | 400 | 404 | 429 | 413) =>
    new Response(await page, {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  const missing = (error: AppError) => answer(intakeMissingPage(error.message), 404);
  const orMissing = async (work: () => Promise<Response>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return missing(error);
      if (error instanceof AppError && error.code === 'rate_limited') {
        const response = await answer(intakeTooManyPage(error.message), 429);
        response.headers.set('retry-after', String(error.retryAfterSeconds ?? 60));
        return response;
      }
      throw error;
    }
  };

  app.get('/r/:code', (c) =>
    orMissing(async () => {
      const view = await openIntakePage(deps, c.req.param('code'), {
        countAsVisit: c.req.query('preview') === undefined,
      });
      return answer(intakeFormPage(view), 200);
    }),
  );

  app.get('/r/:code/thanks', (c) =>
    orMissing(async () => {
      const { practiceName, nextStep } = await intakeThanks(deps, c.req.param('code'));
      return answer(intakeThanksPage(practiceName, nextStep), 200);
    }),
  );

  app.get('/r/:code/contact.vcf', (c) =>
    orMissing(async () => {
      const { vcard, fileName } = await intakeVcard(deps, c.req.param('code'));
      return vcardResponse(vcard, fileName);
    }),
  );

  app.post(
    '/r/:code',
    bodyLimit({
      maxSize: intakeLimits.bodyBytes,
      onError: async () => answer(intakeTooManyPage(tooLarge().message), 413),
    }),
    (c) =>
      orMissing(async () => {
        const retry = window.hit(addressKey(clientIpOf(c)));
        if (retry !== null) throw tooManyFromAddress('messages', retry);
        const code = c.req.param('code');
        const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
        const values: FormValues = {};
        for (const field of formFields) {
          const value = body[field];
          if (typeof value === 'string') values[field] = value;
        }
        const honeypot = typeof body.website === 'string' ? body.website : undefined;
        const input = submissionOf(values, honeypot);
        const parsed = ZIntakeSubmission.safeParse(input);
        if (!parsed.success) {
          // Only a form sent back needs the page; a good one goes straight to the submission.
          const view = await openIntakePage(deps, code, { countAsVisit: false });
          const errors: FieldError[] = fieldErrorsOf(parsed.error, '', {
            schema: ZIntakeSubmission,
            input,
          });
          return answer(intakeFormPage(view, values, errors), 400);
        }
        await submitIntake(deps, code, parsed.data);
        // Post, then redirect: reloading the thank-you page does not send the form again.
        return c.redirect(`/r/${normaliseLinkCode(code)}/thanks`, 303);
      }),
  );
  return app;
}
