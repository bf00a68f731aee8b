import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isProblem } from '../api';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { useAnswerPublicSurvey, usePublicSurvey } from './use-survey';

/** The page a survey link opens: no sign-in, nothing but the practice's name and the question. */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const survey = usePublicSurvey(token);
  const answer = useAnswerPublicSurvey(token);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(survey.data ? `A question from ${survey.data.practiceName}` : 'Survey');

  if (survey.isPending) {
    return (
      <Frame>
        <LoadingState label="Opening the question…" />
      </Frame>
    );
  }
  if (survey.isError) {
    return (
      <Frame>
        <Title order={1} fz={26}>
          {isProblem(survey.error, 404)
            ? 'This link is not valid'
            : 'This page could not be opened'}
        </Title>
        {!isProblem(survey.error, 404) ? <ProblemAlert error={survey.error} /> : null}
      </Frame>
    );
  }
  const { practiceName, question } = survey.data;
  if (answer.isSuccess) {
    return (
      <Frame>
        <Title order={1} fz={26}>
          Thank you
        </Title>
        <Text>
          Your answer has reached {practiceName}. Your own words help more than you might think.
        </Text>
      </Frame>
    );
  }
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) {
      setError('Write a sentence or two first.');
      return;
    }
    setError(null);
    answer.mutate(value);
  };
  return (
    <Frame>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text c="dimmed" size="sm">
            A question from {practiceName}
          </Text>
          <Title order={1} fz={{ base: 22, sm: 26 }}>
            {question}
          </Title>
          {survey.data.answered ? (
            <Text size="sm" c="dimmed">
              You have answered already; a new answer replaces it.
            </Text>
          ) : null}
          <GrowingTextarea
            label="Your answer"
            description="Please don’t look anything up — your own words are exactly what is needed."
            value={text}
            onValueChange={setText}
            minRows={5}
            maxLength={5000}
            error={error}
          />
          <ProblemAlert error={answer.error} title="Your answer was not sent" />
          <Button type="submit" loading={answer.isPending} style={{ alignSelf: 'flex-start' }}>
            Submit
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Container size="sm" py="xl" px="md" component="main">
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <Stack>{children}</Stack>
      </Paper>
    </Container>
  );
}
