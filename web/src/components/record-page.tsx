import { Anchor, Button, Grid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from './confirm-dialog';
import { LoadingState } from './loading-state';
import { PageHeader } from './page-header';
import { ProblemAlert } from './problem-alert';

/** The list a record page belongs to: its path and its name ("Contacts"). */
export type RecordList = { to: string; name: string };

type RecordPageProps<T> = {
  query: UseQueryResult<T>;
  /** What the record is, for the loading label and the error page's title ("Contact"). */
  noun: string;
  list: RecordList;
  children: (record: T) => ReactNode;
};

/** One record's page: a spinner while it loads, the problem and a way back when it fails. */
export function RecordPage<T>({ query, noun, list, children }: RecordPageProps<T>) {
  if (query.isPending) return <LoadingState label={`Loading ${noun.toLowerCase()}…`} />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={noun} />
        <ProblemAlert error={query.error} />
        <Anchor component={Link} to={list.to} mt="md" display="inline-block">
          Back to {list.name.toLowerCase()}
        </Anchor>
      </>
    );
  }
  return children(query.data);
}

/** The small "← Contacts" link above a record's heading. */
export function BackLink({ list }: { list: RecordList }) {
  return (
    <Anchor component={Link} to={list.to} size="sm">
      ← {list.name}
    </Anchor>
  );
}

/** One labelled value of a record, in a <dl>; a missing value shows as a dash. */
export function RecordField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children === null || children === undefined || children === '' ? '—' : children}
      </Text>
    </div>
  );
}

type DeleteRecordButtonProps = {
  /** The button's text ("Delete contact"). */
  label: string;
  /** The record's name, in the question and the notice. */
  name: string;
  remove: UseMutationResult<unknown, Error, void>;
  list: RecordList;
  /** What deleting it erases and keeps, said in the confirmation. */
  children: ReactNode;
};

/** A record's Delete button: it asks first; once deleted, says so and goes back to the list. */
export function DeleteRecordButton(props: DeleteRecordButtonProps) {
  const { label, name, remove, list, children } = props;
  const navigate = useNavigate();
  const [isConfirming, setIsConfirming] = useState(false);
  return (
    <>
      <Button color="red" variant="light" onClick={() => setIsConfirming(true)}>
        {label}
      </Button>
      <ConfirmDialog
        opened={isConfirming}
        title={`Delete ${name}?`}
        confirmLabel="Yes, delete"
        isPending={remove.isPending}
        error={remove.error}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `${name} was deleted.` });
              navigate(list.to, { replace: true });
            },
          })
        }
      >
        {children}
      </ConfirmDialog>
    </>
  );
}

/** A record's two columns: the main one wider; side by side from md up, stacked on phones. */
export function RecordColumns({ side, children }: { side: ReactNode; children: ReactNode }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>{children}</Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack>{side}</Stack>
      </Grid.Col>
    </Grid>
  );
}
