import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZCategoryList,
  ZCategoryView,
  ZMostWanted,
  ZReplaceMostWanted,
  ZUpdateCategory,
} from './category.schemas.ts';
import {
  createCategory,
  deleteCategory,
  getMostWanted,
  listCategories,
  replaceMostWanted,
  updateCategory,
} from './category.service.ts';
import { ZCreateGroup } from './group.schemas.ts';

/** Categories (occupations) and the most-wanted list (PRODUCT.md §2, §3.6). */
export function categoryRoutes(deps: Deps) {
  const r = createRouter();
  const tags = ['Categories'];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/categories',
      tags,
      operationId: 'listCategories',
      summary: 'List categories',
      description:
        'By name, each with its contacts, its target (its own, or the practice default ' +
        '`mostWantedTarget`) and its coverage (contacts at stage `knows` or above).',
      responses: { 200: jsonContent(ZCategoryList, 'The categories'), ...problemResponses },
    }),
    async (c) => c.json({ items: await listCategories(deps, actorOf(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/categories',
      tags,
      operationId: 'createCategory',
      summary: 'Create a category',
      description: 'A name that exists already is 409.',
      request: jsonBody(ZCreateGroup),
      responses: { 201: jsonContent(ZCategoryView, 'The new category'), ...problemResponses },
    }),
    async (c) => c.json(await createCategory(deps, actorOf(c), c.req.valid('json').name), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/categories/{id}',
      tags,
      operationId: 'updateCategory',
      summary: 'Update a category',
      description:
        'Rename it or set its target (1–100); a `null` target takes the practice default.',
      request: { params: ZIdParam, ...jsonBody(ZUpdateCategory) },
      responses: { 200: jsonContent(ZCategoryView, 'The category'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await updateCategory(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/categories/{id}',
      tags,
      operationId: 'deleteCategory',
      summary: 'Delete a category',
      description:
        'Its contacts keep no category; it leaves the most-wanted list, whose ranks close ' +
        'up (1..n without gaps).',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteCategory(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/most-wanted',
      tags,
      operationId: 'getMostWanted',
      summary: 'Get the most-wanted list',
      description:
        "By rank, with each category's coverage against target, its gap (target − " +
        'coverage, at least 0) and its members (stage `knows` or above first, then the ' +
        'others, by name).',
      responses: { 200: jsonContent(ZMostWanted, 'The most-wanted list'), ...problemResponses },
    }),
    async (c) => c.json(await getMostWanted(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/most-wanted',
      tags,
      operationId: 'replaceMostWanted',
      summary: 'Replace the most-wanted list',
      description:
        'The ordered `categoryIds` become ranks 1..n; other categories leave the list. A ' +
        'repeated id is 400 naming `categoryIds.<index>`; more than 10 is 422 naming ' +
        '`categoryIds` (checked before anything is read or written); an id that is not a ' +
        'category of this practice is 404 naming `categoryIds`.',
      request: jsonBody(ZReplaceMostWanted),
      responses: { 200: jsonContent(ZMostWanted, 'The most-wanted list'), ...problemResponses },
    }),
    async (c) =>
      c.json(await replaceMostWanted(deps, actorOf(c), c.req.valid('json').categoryIds), 200),
  );
  return r;
}
