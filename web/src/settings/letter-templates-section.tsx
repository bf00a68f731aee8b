import {
  Accordion,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ProblemError } from '../api';
import type { LetterTemplate, MergeFieldConsent } from '../api/types';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { GrowingTextarea } from '../components/text-fields';
import { useLetterTemplates, useResetTemplate, useSaveTemplate } from '../letters/use-letters';
import { SettingsSection } from './settings-section';
import { useTemplatePreview } from './use-template-preview';

const AUDIENCE_LABELS: Record<LetterTemplate['audience'], string> = {
  referrer: 'To a referrer',
  contact: 'To a contact',
  partner: 'To a partner',
  team: 'To your team',
};

const CONSENT_LABELS: Record<MergeFieldConsent, string | null> = {
  always: null,
  with_consent: 'needs consent',
  treating_provider: 'treating providers only (HIPAA)',
};

export function LetterTemplatesSection() {
  const templates = useLetterTemplates();
  return (
    <SettingsSection
      id="letters-title"
      title="Letters"
      description="The letters Vouch drafts for you. Edit the words to sound like you; merge fields like {{recipient.firstName}} are filled in for each letter."
    >
      <QueryContent query={templates}>
        {(data) => (
          <Accordion variant="separated" chevronPosition="left">
            {data.map((t) => (
              <Accordion.Item key={t.key} value={t.key}>
                <Accordion.Control>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={500}>{t.name}</Text>
                    <Text size="xs" c="dimmed">
                      {AUDIENCE_LABELS[t.audience]}
                    </Text>
                    {t.isEdited ? (
                      <Badge size="xs" variant="light">
                        Edited
                      </Badge>
                    ) : null}
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <TemplateEditor key={`${t.subject}\n${t.body}`} template={t} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </QueryContent>
    </SettingsSection>
  );
}

/** The message of a field error for `field`, else null. */
function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ProblemError)) return null;
  const match = error.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
  return match ? match.message : null;
}

function TemplateEditor({ template }: { template: LetterTemplate }) {
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const isDirty = subject !== template.subject || body !== template.body;
  const bodyError = fieldError(save.error, 'body');
  const subjectError = fieldError(save.error, 'subject');
  // A 400 that names no field (or another one) is shown under the body, where merge fields live.
  const otherError =
    save.error && !bodyError && !subjectError
      ? save.error instanceof Error
        ? save.error.message
        : null
      : null;
  const idBase = `tpl-${template.key}`;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7, lg: 5 }}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(
              { key: template.key, subject, body },
              {
                onSuccess: () =>
                  notifications.show({ color: 'teal', message: `“${template.name}” saved.` }),
              },
            );
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Subject"
              id={`${idBase}-subject`}
              value={subject}
              maxLength={200}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={subjectError}
            />
            <GrowingTextarea
              label="Body"
              id={`${idBase}-body`}
              value={body}
              minRows={8}
              maxRows={24}
              maxLength={10000}
              onValueChange={setBody}
              error={bodyError ?? otherError}
            />
            <ProblemAlert error={reset.error} />
            <Group justify="flex-end" gap="sm">
              {template.isEdited ? (
                <Button
                  variant="subtle"
                  color="gray"
                  loading={reset.isPending}
                  onClick={() =>
                    reset.mutate(template.key, {
                      onSuccess: () =>
                        notifications.show({
                          color: 'teal',
                          message: `“${template.name}” is back to the shipped text.`,
                        }),
                    })
                  }
                >
                  Reset to the shipped text
                </Button>
              ) : null}
              <Button type="submit" disabled={!isDirty} loading={save.isPending}>
                Save letter
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
        <TemplatePreview templateKey={template.key} subject={subject} body={body} idBase={idBase} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 3 }}>
        <Text fw={600} size="sm" mb={4} id={`${idBase}-fields`}>
          Merge fields
        </Text>
        <List size="sm" spacing={6} listStyleType="none" aria-labelledby={`${idBase}-fields`} p={0}>
          {template.mergeFields.map((f) => (
            <List.Item key={f.name}>
              <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
                {`{{${f.name}}}`}
              </Text>
              {CONSENT_LABELS[f.consent] ? (
                <Badge size="xs" color="orange" variant="light" ml={4} component="span">
                  {CONSENT_LABELS[f.consent]}
                </Badge>
              ) : null}
              <Text size="xs" c="dimmed">
                {f.description}
              </Text>
            </List.Item>
          ))}
        </List>
      </Grid.Col>
    </Grid>
  );
}

/** The letter as it would read, on sample people and the practice's details, as you type. */
function TemplatePreview({
  templateKey,
  subject,
  body,
  idBase,
}: {
  templateKey: LetterTemplate['key'];
  subject: string;
  body: string;
  idBase: string;
}) {
  const preview = useTemplatePreview(templateKey, subject, body);
  const problem =
    preview.error instanceof ProblemError
      ? (preview.error.errors[0]?.message ?? preview.error.message)
      : preview.error
        ? 'The preview could not be made.'
        : null;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      role="region"
      aria-labelledby={`${idBase}-preview`}
      aria-busy={preview.isFetching}
      data-testid="letter-preview"
    >
      <Text fw={600} size="sm" id={`${idBase}-preview`}>
        Preview
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        Sample people (Alan Reyes refers Jordan Lee) and your practice’s details.
      </Text>
      {problem ? (
        <Text size="sm" c="red.8" role="alert">
          {problem}
        </Text>
      ) : preview.data ? (
        <Stack gap={6}>
          <Text size="sm" fw={600} data-testid="letter-preview-subject">
            {preview.data.subject}
          </Text>
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            data-testid="letter-preview-body"
          >
            {preview.data.body}
          </Text>
          {preview.data.consentFields.length ? (
            <Text size="xs" c="orange.9">
              A real letter fills {preview.data.consentFields.map((f) => `{{${f}}}`).join(', ')}{' '}
              only when the referred person consented.
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Loading the preview…
        </Text>
      )}
    </Paper>
  );
}
