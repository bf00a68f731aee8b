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
      summary: 'The categories by name, with contacts and coverage (stage knows or above)',
      responses: { 200: jsonContent(ZCategoryList, 'The categories'), ...problemResponses },
    }),
    async (c) => c.json({ items: await listCategories(deps, actorOf(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/categories',
      tags,
      summary: 'Create a category',
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
      summary: 'Rename a category or set its target (null takes the practice default)',
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
      summary: 'Delete a category; its contacts keep no category',
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
      summary: 'The most-wanted list by rank, with coverage against target and members',
      responses: { 200: jsonContent(ZMostWanted, 'The most-wanted list'), ...problemResponses },
    }),
    async (c) => c.json(await getMostWanted(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/most-wanted',
      tags,
      summary: 'Replace the most-wanted list (at most 10, in rank order)',
      request: jsonBody(ZReplaceMostWanted),
      responses: { 200: jsonContent(ZMostWanted, 'The most-wanted list'), ...problemResponses },
    }),
    async (c) =>
      c.json(await replaceMostWanted(deps, actorOf(c), c.req.valid('json').categoryIds), 200),
  );
  return r;
}
