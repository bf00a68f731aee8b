import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MostWantedItem, Stage } from '../api/types';
import { useMe } from '../auth/use-auth';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { STAGE_LABELS } from '../labels';
import { coverageParts, coverageText } from './coverage';
import {
  useCategoryViews,
  useMostWanted,
  useSaveMostWanted,
  useUpdateCategoryTarget,
} from './use-network';

const COVERED: readonly Stage[] = ['knows', 'likes', 'trusts', 'refers'];

export function gapText(item: Pick<MostWantedItem, 'gap'> & { name: string }): string {
  return item.gap > 0
    ? `Meet ${item.gap} more ${item.name.toLocaleLowerCase()}`
    : 'Target reached ✓';
}

export function MostWantedPage() {
  const mostWanted = useMostWanted();
  const categories = useCategoryViews();
  const save = useSaveMostWanted();
  const [toAdd, setToAdd] = useState('');

  if (mostWanted.isPending) {
    return (
      <>
        <PageHeader title="Most-wanted list" />
        <LoadingState label="Loading the most-wanted list…" />
      </>
    );
  }
  if (mostWanted.isError) {
    return (
      <>
        <PageHeader title="Most-wanted list" />
        <ProblemAlert error={mostWanted.error} />
      </>
    );
  }

  const { items, max } = mostWanted.data;
  const ids = items.map((item) => item.category.id);
  const available = (categories.data ?? []).filter((c) => !ids.includes(c.id));
  const saveIds = (next: string[], message: string) =>
    save.mutate(next, { onSuccess: () => notifications.show({ color: 'teal', message }) });
  const move = (index: number, delta: -1 | 1) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(index + delta, 0, moved);
    saveIds(next, 'Order saved.');
  };

  return (
    <>
      <PageHeader
        title="Most-wanted list"
        description="The occupations whose members reach your ideal clients, ranked. Coverage counts contacts who at least know what you do."
      />
      <Text size="sm" c="dimmed" mb="md">
        {items.length} of {max} categories on the list.
      </Text>
      <ProblemAlert error={save.error} title="The list was not changed" />
      {items.length === 0 ? (
        <Text c="dimmed" my="md">
          The list is empty. Add the categories you want to cultivate first — accountants,
          attorneys, physicians…
        </Text>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} mt="sm" style={{ listStyle: 'none' }}>
          {items.map((item, index) => (
            <li key={item.category.id}>
              <MostWantedCard
                item={item}
                isFirst={index === 0}
                isLast={index === items.length - 1}
                isSaving={save.isPending}
                onUp={() => move(index, -1)}
                onDown={() => move(index, 1)}
                onRemove={() =>
                  saveIds(
                    ids.filter((id) => id !== item.category.id),
                    `${item.category.name} left the list.`,
                  )
                }
              />
            </li>
          ))}
        </Stack>
      )}
      <Panel id="add-mw" title="Add a category" fz="h4" headingMb="xs" mt="lg">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const category = available.find((c) => c.id === toAdd);
            if (!category) return;
            save.mutate([...ids, category.id], {
              onSuccess: () => {
                setToAdd('');
                notifications.show({
                  color: 'teal',
                  message: `${category.name} is on the list.`,
                });
              },
            });
          }}
        >
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label="Category to add"
              value={toAdd}
              onChange={(e) => setToAdd(e.currentTarget.value)}
              data={[
                {
                  value: '',
                  label: available.length ? 'Choose a category' : 'No other categories',
                },
                ...available.map((c) => ({
                  value: c.id,
                  label: `${c.name} (${coverageText(c.coverage, c.target)})`,
                })),
              ]}
              miw={260}
            />
            <Button type="submit" disabled={!toAdd} loading={save.isPending}>
              Add to list
            </Button>
          </Group>
        </form>
        <Text size="xs" c="dimmed" mt="xs">
          Up to {max} categories. New categories are created from a contact’s form.
        </Text>
        <ProblemAlert error={categories.error} />
      </Panel>
    </>
  );
}

type CardProps = {
  item: MostWantedItem;
  isFirst: boolean;
  isLast: boolean;
  isSaving: boolean;
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
};

function MostWantedCard({ item, isFirst, isLast, isSaving, onUp, onDown, onRemove }: CardProps) {
  const me = useMe();
  const defaultTarget = me.data?.practice.settings.mostWantedTarget ?? 5;
  const name = item.category.name;
  const percent = item.target > 0 ? Math.min(100, (item.coverage / item.target) * 100) : 100;
  const covered = item.members.filter((m) => COVERED.includes(m.stage));
  const others = item.members.filter((m) => !COVERED.includes(m.stage));
  const headingId = `mw-${item.category.id}`;
  const parts = coverageParts(item.coverage, item.target);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Title order={2} fz="h4" id={headingId}>
          <Text span c="dimmed" fz="inherit" mr={6}>
            {item.rank}.
          </Text>
          {name}
        </Title>
        <Group gap={4}>
          <Button
            size="xs"
            variant="default"
            onClick={onUp}
            disabled={isFirst || isSaving}
            aria-label={`Move ${name} up`}
          >
            ↑ Up
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={onDown}
            disabled={isLast || isSaving}
            aria-label={`Move ${name} down`}
          >
            ↓ Down
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={onRemove}
            disabled={isSaving}
            aria-label={`Remove ${name} from the list`}
          >
            Remove
          </Button>
        </Group>
      </Group>
      <Group justify="space-between" mt="xs" gap="xs">
        <Text fw={600}>
          {parts.count}
          <Text span c="dimmed" fw={400} size="sm">
            {' '}
            {parts.rest}
          </Text>
        </Text>
        <Text size="sm" c={item.gap > 0 ? 'orange.8' : 'teal.8'} fw={500}>
          {gapText({ gap: item.gap, name })}
        </Text>
      </Group>
      <Progress
        value={percent}
        color={item.gap > 0 ? 'orange' : 'teal'}
        size="lg"
        mt={6}
        aria-label={`${name}: ${coverageText(item.coverage, item.target)}`}
      />
      <Text size="sm" mt="sm" fw={500}>
        Who is in it
      </Text>
      {item.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody yet.
        </Text>
      ) : (
        <Group gap={6} mt={4}>
          {[...covered, ...others].map((member) => (
            <Badge
              key={member.id}
              variant={COVERED.includes(member.stage) ? 'light' : 'outline'}
              color={COVERED.includes(member.stage) ? 'teal' : 'gray'}
              tt="none"
              size="lg"
              component={Link}
              to={`/contacts/${member.id}`}
              style={{ cursor: 'pointer' }}
            >
              {member.name} · {STAGE_LABELS[member.stage].toLocaleLowerCase()}
            </Badge>
          ))}
        </Group>
      )}
      <TargetEditor
        categoryId={item.category.id}
        name={name}
        target={item.target}
        defaultTarget={defaultTarget}
      />
    </Paper>
  );
}

function TargetEditor(props: {
  categoryId: string;
  name: string;
  target: number;
  defaultTarget: number;
}) {
  const update = useUpdateCategoryTarget();
  const [value, setValue] = useState<number | string>(props.target);
  const save = (target: number | null) =>
    update.mutate(
      { id: props.categoryId, target },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'teal',
            message: `Target for ${props.name}: ${saved.target}.`,
          }),
      },
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (typeof value === 'number') save(value);
      }}
    >
      <Group align="flex-end" gap="xs" mt="sm">
        <NumberInput
          label="Target"
          aria-label={`Target for ${props.name}`}
          min={1}
          max={100}
          allowDecimal={false}
          value={value}
          onChange={setValue}
          w={110}
          size="xs"
        />
        <Button type="submit" size="xs" variant="default" loading={update.isPending}>
          Set target
        </Button>
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={() => {
            setValue(props.defaultTarget);
            save(null);
          }}
        >
          Use the practice default ({props.defaultTarget})
        </Anchor>
      </Group>
      <ProblemAlert error={update.error} mt="xs" />
    </form>
  );
}
