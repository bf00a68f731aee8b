import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam, ZVcardQuery } from '../platform/fields.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  ownerOnlyResponses,
  problemResponses,
  vcardResponse,
} from '../platform/http.ts';
import {
  ZContactDetail,
  ZContactPage,
  ZCreateContact,
  ZListContactsQuery,
  ZUpdateContact,
} from './contact.schemas.ts';
import {
  createContact,
  getContact,
  getContactVcard,
  listContacts,
  updateContact,
} from './contact.service.ts';
import { eraseContact } from './erasure.service.ts';
import { ZTimeline } from './timeline.schemas.ts';
import { getTimeline } from './timeline.service.ts';

export function contactRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts',
      tags: ['Contacts'],
      operationId: 'listContacts',
      summary: 'List contacts',
      description:
        'Search (`q`: name, email or organization), filter, sort and page through the ' +
        'network (cursor paging, default sort `name`). `touch=due` keeps the contacts ' +
        'past their keep-in-touch cadence; it is filtered in the database, so it pages ' +
        'like any other filter.',
      request: { query: ZListContactsQuery },
      responses: { 200: jsonContent(ZContactPage, 'A page of contacts'), ...problemResponses },
    }),
    async (c) => c.json(await listContacts(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/contacts',
      tags: ['Contacts'],
      operationId: 'createContact',
      summary: 'Create a contact',
      description:
        'The stage defaults to `met`. `keepInTouchDays` (1–730 or null) overrides the ' +
        "practice cadence; the answer's `cadenceDays` is the override, else the shortest " +
        "non-zero practice cadence of the contact's stage and roles (null: no cadence), " +
        'and `nextTouchDueAt` is the last touch (or creation) plus that cadence; `touchState` ' +
        'is `due` once that time has come. The name is given whole (`name`, split into ' +
        '`honorific`, `givenName`, `familyName` and `suffix`: "Dr. Alan Reyes, PhD") or in ' +
        'parts (the display `name` is then made of them); at least a given or family name. ' +
        "`greeting` is how letters open to them under the practice's `salutationStyle` or " +
        'their own `salutation`.',
      request: jsonBody(ZCreateContact),
      responses: { 201: jsonContent(ZContactDetail, 'The new contact'), ...problemResponses },
    }),
    async (c) => c.json(await createContact(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}',
      tags: ['Contacts'],
      operationId: 'getContact',
      summary: 'Get a contact',
      description:
        "With its stage history, newest first; an entry's `reason` says why the pipeline " +
        'changed it ("first referral received").',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZContactDetail, 'The contact'), ...problemResponses },
    }),
    async (c) => c.json(await getContact(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/contacts/{id}',
      tags: ['Contacts'],
      operationId: 'updateContact',
      summary: 'Update a contact',
      description:
        'Any field of the create body; `null` clears an optional one. A stage change is ' +
        'added to its history. A new `name` alone is split again; parts sent win and ' +
        'rename. A contact whom a referral credits stays `refers`: lowering them is a 422 ' +
        'naming `stage`.',
      request: { params: ZIdParam, ...jsonBody(ZUpdateContact) },
      responses: { 200: jsonContent(ZContactDetail, 'The contact'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await updateContact(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/contacts/{id}',
      tags: ['Contacts'],
      operationId: 'deleteContact',
      summary: 'Erase a contact',
      description:
        'Right of erasure. Deletes the contact and what is theirs (notes, interactions, ' +
        'history, messages to or about them, survey answers); referrals about them stay as anonymous rows (`referred` ' +
        'null) so the referrer keeps their count; referrals they sent keep an unknown referrer; ' +
        'audit entries about them keep their action and lose their detail.',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Erased' }, ...problemResponses, ...ownerOnlyResponses },
    }),
    async (c) => {
      await eraseContact(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/vcard',
      tags: ['Contacts'],
      operationId: 'getContactVcard',
      summary: "Get a contact's vCard",
      description:
        'The contact card (RFC 6350) as a `.vcf` download, for an address book: FN, N in ' +
        "parts, NICKNAME (the name they go by), ORG, EMAIL, TEL. The practice's notes stay " +
        'out. vCard 4.0, written so that 3.0 readers understand it too; `version=3.0` gives a ' +
        '3.0 card, which Outlook for Windows reads best.',
      request: { params: ZIdParam, query: ZVcardQuery },
      responses: {
        200: {
          content: { 'text/vcard': { schema: z.string() } },
          description: 'The vCard, as an attachment',
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { fileName, vcard } = await getContactVcard(
        deps,
        actorOf(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return vcardResponse(vcard, fileName);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/timeline',
      tags: ['Contacts'],
      operationId: 'getContactTimeline',
      summary: "Get a contact's timeline",
      description:
        'Everything that happened with a contact, newest first: interactions, stage ' +
        'changes, referrals they sent, referrals about them, referrals given to them (as ' +
        'partner) or about them, and the events of those referrals; plus the reciprocity ' +
        "of referrals exchanged. A referral's `created` event is not repeated (its " +
        '`referral_sent`/`referral_about` item shows it); for `referral_event` items ' +
        "`refId` is the referral's id. Items at the same instant are ordered cause before " +
        'effect (contact added, referral, the promotion it caused, its events).',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZTimeline, 'The timeline'), ...problemResponses },
    }),
    async (c) => c.json(await getTimeline(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  return r;
}
