import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { TemplateKey } from '../api/types';

/**
 * The letter as typed, rendered by the server on sample data (POST
 * /letter-templates/{key}/preview), a moment after typing stops; the last preview stays
 * while the next one loads.
 */
export function useTemplatePreview(key: TemplateKey, subject: string, body: string) {
  const [typed] = useDebouncedValue({ subject, body }, 250);
  return useQuery({
    queryKey: ['letter-template-preview', key, typed.subject, typed.body] as const,
    queryFn: ({ signal }) =>
      api.post('/letter-templates/{key}/preview', {
        path: { key },
        body: { subject: typed.subject, body: typed.body },
        signal,
      }),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}
