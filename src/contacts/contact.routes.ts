import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZContactDetail,
  ZContactPage,
  ZCreateContact,
  ZListContactsQuery,
  ZUpdateContact,
} from './contact.schemas.ts';
import { createContact, getContact, listContacts, updateContact } from './contact.service.ts';
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
      summary: 'Search, filter, sort and page through the network',
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
      summary: 'Add a contact',
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
      summary: 'One contact with its stage history',
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
      summary: 'Edit a contact; a stage change is added to its history',
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
      summary: 'Erase a person: everything that names them (right of erasure)',
      description:
        'Deletes the contact and what is theirs (notes, interactions, history, messages to or ' +
        'about them, survey answers); referrals about them stay as anonymous rows (`referred` ' +
        'null) so the referrer keeps their count; referrals they sent keep an unknown referrer; ' +
        'audit entries about them keep their action and lose their detail.',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Erased' }, ...problemResponses },
    }),
    async (c) => {
      await eraseContact(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/timeline',
      tags: ['Contacts'],
      summary:
        'Everything that happened with a contact, newest first, and the referrals exchanged with them',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZTimeline, 'The timeline'), ...problemResponses },
    }),
    async (c) => c.json(await getTimeline(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  return r;
}
