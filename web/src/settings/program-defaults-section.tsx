import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { SettingMeta, Settings, SettingsResponse } from '../api/types';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { focusFirstInvalid, showServerErrors } from '../form-errors';
import { SettingsSection } from './settings-section';
import { usePracticeSettings, useUpdatePracticeSettings } from './use-settings';

type SettingValues = Record<string, number | string>;

export function ProgramDefaultsSection() {
  const settings = usePracticeSettings();
  return (
    <SettingsSection
      id="defaults-title"
      title="Program defaults"
      description="The numbers behind your agenda: response windows, reminders, cadences. Change them to fit your practice."
    >
      <QueryContent query={settings}>
        {(data) => <ProgramDefaultsForm key={JSON.stringify(data.values)} data={data} />}
      </QueryContent>
    </SettingsSection>
  );
}

function labelOf(meta: SettingMeta): string {
  return meta.unit ? `${meta.label} (${meta.unit})` : meta.label;
}

function describe(meta: SettingMeta): string {
  const unit = meta.unit ? ` ${meta.unit}` : '';
  return `${meta.meaning} Default: ${meta.default}${unit}.`;
}

function validateValues(values: SettingValues, meta: SettingMeta[]): FormErrors {
  const errors: FormErrors = {};
  for (const m of meta) {
    const value = values[m.key];
    if (typeof m.default === 'string') {
      if (typeof value !== 'string' || value.trim() === '') errors[m.key] = 'Enter a value.';
      continue;
    }
    if (typeof value !== 'number' || Number.isNaN(value)) {
      errors[m.key] = 'Enter a number.';
    } else if (m.min !== undefined && value < m.min) {
      errors[m.key] = `Use ${m.min} or more.`;
    } else if (m.max !== undefined && value > m.max) {
      errors[m.key] = `Use ${m.max} or less.`;
    }
  }
  return errors;
}

function ProgramDefaultsForm({ data }: { data: SettingsResponse }) {
  const update = useUpdatePracticeSettings();
  const initial: SettingValues = { ...data.values };
  const form = useForm<SettingValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => validateValues(values, data.meta),
  });
  const keys = data.meta.map((m) => m.key);

  const submit = form.onSubmit((values) => {
    // Send only what changed, typed as the API expects.
    const patch: Record<string, number | string> = {};
    for (const m of data.meta) {
      const value = values[m.key];
      if (value === undefined || value === data.values[m.key]) continue;
      patch[m.key] = typeof value === 'string' ? value.trim() : value;
    }
    if (Object.keys(patch).length === 0) {
      notifications.show({ message: 'Nothing changed.' });
      return;
    }
    update.mutate(patch as Partial<Settings>, {
      onSuccess: () => notifications.show({ color: 'teal', message: 'Program defaults saved.' }),
      onError: showServerErrors(form, keys),
    });
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {data.meta.map((meta) =>
            meta.choices ? (
              <NativeSelect
                key={meta.key}
                label={labelOf(meta)}
                description={describe(meta)}
                data={meta.choices.map((c) => ({
                  value: c,
                  label: c[0]?.toUpperCase() + c.slice(1),
                }))}
                {...form.getInputProps(meta.key)}
              />
            ) : typeof meta.default === 'string' ? (
              <TextInput
                key={meta.key}
                label={labelOf(meta)}
                description={describe(meta)}
                {...form.getInputProps(meta.key)}
              />
            ) : (
              <NumberInput
                key={meta.key}
                label={labelOf(meta)}
                description={describe(meta)}
                min={meta.min}
                max={meta.max}
                allowDecimal={false}
                clampBehavior="none"
                {...form.getInputProps(meta.key)}
              />
            ),
          )}
        </SimpleGrid>
        <ProblemAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
            Undo changes
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save defaults
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
