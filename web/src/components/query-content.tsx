import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadingState } from './loading-state';
import { ProblemAlert } from './problem-alert';

type QueryContentProps<T> = {
  query: UseQueryResult<T>;
  /** Read to screen readers while it loads. */
  loadingLabel?: string;
  children: (data: NonNullable<T>) => ReactNode;
};

/** What a query shows in its place: a spinner while it loads, its problem, then its data. */
export function QueryContent<T>({ query, loadingLabel, children }: QueryContentProps<T>) {
  return (
    <>
      {query.isPending ? <LoadingState label={loadingLabel} /> : null}
      <ProblemAlert error={query.error} />
      {query.data ? children(query.data) : null}
    </>
  );
}
