import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZCreateIntroduction,
  ZIntroduction,
  ZIntroductionPreview,
  ZPreviewIntroduction,
} from './introduction.schemas.ts';
import { createIntroduction, previewIntroduction } from './introduction.service.ts';

const tags = ['Referrals'];

const rules =
  'The referrer (`referrerId`) is a contact of the practice (another practice’s id: 404 ' +
  'naming it) and not the person (422). Without `referralId`, the person is the contact ' +
  'with `person.email` (any case) or a new one (role prospect, stage met). With ' +
  '`referralId` (404 when not the practice’s), that referral must be open (409 when a client ' +
  'or closed), have this referrer or none (422), and `person.email` may not be another ' +
  'contact’s (422). The draft is from the practice to the person, copying the referrer: ' +
  'it names both, thanks the referrer, and carries the value proposition, your `note` and ' +
  'the booking link when the practice has them; about the person it says only what was ' +
  'typed for this email (§3.2). `subject` and `body` replace the drafted ones, and `mailto` ' +
  '(RFC 6068) opens the same email in your own mail client.';

export function introductionRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/introductions/preview',
      tags,
      operationId: 'previewIntroduction',
      summary: 'Preview a warm introduction',
      description: `The draft of POST /introductions for the same body, writing nothing. ${rules}`,
      request: jsonBody(ZPreviewIntroduction),
      responses: { 200: jsonContent(ZIntroductionPreview, 'The draft'), ...problemResponses },
    }),
    async (c) => c.json(await previewIntroduction(deps, actorOf(c), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/introductions',
      tags,
      operationId: 'createIntroduction',
      summary: 'Introduce a referred person by email',
      description:
        'A warm introduction (§3.9), in one transaction. Without `referralId` it records a ' +
        'new referral: referrer `referrerId`, channel `email`, `warmHandoff: true`, received ' +
        'now (the referrer promoted and credited as on quick-add). With `referralId` it marks ' +
        'that referral `warmHandoff: true`; its referrer must be `referrerId` (a referral ' +
        'without one is 422 `referrerId`: set it on the referral first), and the person must ' +
        'have consented to updates (`consentToUpdate`; else 422 `referralId`): the email tells ' +
        'the referrer the practice and the person are in touch. Typed text (`note`, ' +
        '`subject`, `body`) reaches the referrer, so a word of the need, or of where the ' +
        'person stands without their consent, is 422 naming the field (§3.2). With ' +
        '`send: true` the email is also queued in the outbox to the person, with the referrer ' +
        'in Cc (422 `referrerId` when the referrer has no email address; 422 `referrerId` or ' +
        '`person.email` for someone who opted out of email), audited as a message to a ' +
        'referrer (`message.to_referrer`); a referral still `new` then moves to `contacted` ' +
        '(Vouch made the first contact). Without SMTP settings it waits in the outbox like ' +
        'other mail. It needs no consent to relationship mail (the people expect it) and ' +
        'carries no unsubscribe link (the referrer sees the same text). Answers the draft, the ' +
        `referral and the queued message (null without \`send\`). ${rules}`,
      request: jsonBody(ZCreateIntroduction),
      responses: {
        201: jsonContent(ZIntroduction, 'The introduction: draft, referral and message'),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await createIntroduction(deps, actorOf(c), c.req.valid('json')), 201),
  );
  return r;
}
