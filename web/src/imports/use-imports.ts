import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api';
import type { components } from '../api/schema';
import { useRefreshingMutation } from '../query-client';
import { refreshAfter } from '../refresh';

type Schemas = components['schemas'];
export type Import = Schemas['Import'];
export type UploadedImport = Schemas['UploadedImport'];
export type ImportPreview = Schemas['ImportPreview'];
export type PreviewRow = ImportPreview['rows'][number];
export type ImportField = Schemas['ImportField'];
export type ImportFormat = Schemas['ImportFormat'];
export type ImportStatus = Schemas['ImportStatus'];
export type StartImport = Schemas['StartImport'];
export type DuplicateMode = Schemas['ImportDuplicateMode'];

export const importKeys = {
  all: ['imports'] as const,
  list: () => ['imports', 'list'] as const,
  detail: (id: string) => ['imports', 'detail', id] as const,
  preview: (id: string, mapping: readonly ImportField[]) =>
    ['imports', 'preview', id, mapping] as const,
  problems: (id: string) => ['imports', 'problems', id] as const,
};

/** How often a running import is asked for its progress. */
const POLL_MS = 700;
const PROBLEMS_PAGE = 20;

export const isRunning = (status: ImportStatus): boolean =>
  status === 'queued' || status === 'running';

/**
 * One import, asked again every 700 ms while it is queued or running (everything is the
 * server's, so a reload shows the same). When a run ends, the views of contacts are refreshed.
 */
export function useImport(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.detail(id),
    enabled: id !== '',
    queryFn: ({ signal }) => api.get('/imports/{id}', { path: { id }, signal }),
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data.status) ? POLL_MS : false),
    // The progress must be the server's now, not a cached one from a minute ago.
    staleTime: 0,
  });
  const status = query.data?.status;
  const lastStatus = useRef(status);
  useEffect(() => {
    const before = lastStatus.current;
    lastStatus.current = status;
    if (before && status && isRunning(before) && !isRunning(status))
      void refreshAfter(queryClient, 'import');
  }, [status, queryClient]);
  return query;
}

/** The practice's latest imports, to come back to one that runs or read a summary again. */
export function useImports() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => api.get('/imports', { query: { limit: 10 }, signal }),
    select: (page) => page.items,
  });
}

/** The first rows under `mapping`; the rows shown stay while a new mapping is asked about. */
export function useImportPreview(id: string, mapping: readonly ImportField[], enabled: boolean) {
  return useQuery({
    queryKey: importKeys.preview(id, mapping),
    enabled,
    queryFn: ({ signal }) =>
      api.post('/imports/{id}/preview', { path: { id }, body: { mapping: [...mapping] }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The rows that made no contact, by line, a page at a time. */
export function useImportProblems(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: importKeys.problems(id),
    enabled,
    queryFn: ({ pageParam, signal }) =>
      api.get('/imports/{id}/problems', {
        path: { id },
        query: { limit: PROBLEMS_PAGE, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Sends the file as it is; the answer (with its first rows) is cached for the preview. */
export function useUploadImport() {
  return useRefreshingMutation(
    (file: File) => api.upload('/imports', { file, query: { fileName: file.name } }),
    'import-file',
    (uploaded, _file, queryClient) => {
      const { preview, ...rest } = uploaded;
      queryClient.setQueryData(importKeys.detail(uploaded.id), rest);
      queryClient.setQueryData(importKeys.preview(uploaded.id, uploaded.mapping), preview);
    },
  );
}

export function useStartImport(id: string) {
  return useRefreshingMutation(
    (input: StartImport) => api.post('/imports/{id}/start', { path: { id }, body: input }),
    'import-file',
    (started, _input, queryClient) => queryClient.setQueryData(importKeys.detail(id), started),
  );
}

/** An upload not started is deleted, its file with it. */
export function useDiscardImport(id: string) {
  return useRefreshingMutation(
    () => api.delete('/imports/{id}', { path: { id } }),
    'import-file',
    (_none, _input, queryClient) => {
      queryClient.removeQueries({ queryKey: importKeys.detail(id) });
      queryClient.removeQueries({ queryKey: ['imports', 'preview', id] });
    },
  );
}

/** Removes what the import made that nothing touched since; the answer says what it kept. */
export function useUndoImport(id: string) {
  return useRefreshingMutation(
    () => api.post('/imports/{id}/undo', { path: { id } }),
    'import',
    (undone, _input, queryClient) => queryClient.setQueryData(importKeys.detail(id), undone),
  );
}
