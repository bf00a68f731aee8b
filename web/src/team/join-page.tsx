import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api';
import type { InvitationPreview, Me } from '../api/types';
import { AuthForm, OtherAuthPage } from '../auth/auth-form';
import { AuthFrame } from '../auth/auth-frame';
import { useMe } from '../auth/use-auth';
import { LoadingState } from '../components/loading-state';
import { PasswordField } from '../components/password-field';
import { ProblemAlert } from '../components/problem-alert';
import { submitWithServerErrors } from '../form-errors';
import { formatDateTime } from '../format';
import { ME_KEY } from '../query-client';
import { useAcceptInvitation, useInvitationPreview } from './use-team';

/**
 * /join/:token — an invitation link from the email. Without a session: set a name and password
 * (or, for an account without a practice, its password) and join. A used, withdrawn or
 * expired link says which, in the server's words.
 */
export function JoinPage() {
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  const me = useMe();
  if (preview.isPending || me.isPending) return <LoadingState label="Opening the invitation…" />;
  if (preview.isError)
    return (
      <AuthFrame
        title="This invitation cannot be used"
        intro="The link from your email did not work."
        footer={<OtherAuthPage question="Already on a team?" to="/sign-in" label="Sign in" />}
      >
        <ProblemAlert error={preview.error} />
      </AuthFrame>
    );
  const invitation = preview.data;
  if (me.data) return <SignedInAlready me={me.data} invitation={invitation} />;
  return <JoinForm token={token} invitation={invitation} />;
}

function introOf(invitation: InvitationPreview): string {
  const who = invitation.invitedBy ?? 'An owner';
  return `${who} invited ${invitation.email} to work on ${invitation.practiceName}'s referral program as ${invitation.role === 'owner' ? 'an owner' : 'a member'}.`;
}

/** A Vouch account works in one practice: someone signed in must sign out to join with the link. */
function SignedInAlready({ me, invitation }: { me: Me; invitation: InvitationPreview }) {
  const queryClient = useQueryClient();
  const isSameTeam =
    me.practice.name === invitation.practiceName && me.user.email === invitation.email;
  return (
    <AuthFrame title={`Join ${invitation.practiceName}`} intro={introOf(invitation)} footer={null}>
      <Stack>
        <Alert color="yellow" variant="light">
          {isSameTeam
            ? 'You are on this team already.'
            : `You are signed in as ${me.user.email}. Sign out first to accept this invitation for ${invitation.email}.`}
        </Alert>
        {isSameTeam ? null : (
          <Button
            variant="default"
            onClick={async () => {
              await api.post('/auth/sign-out');
              queryClient.setQueryData<Me | null>(ME_KEY, null);
            }}
          >
            Sign out
          </Button>
        )}
      </Stack>
    </AuthFrame>
  );
}

function JoinForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const isNewAccount = !invitation.hasAccount;
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', password: '' },
    validate: {
      name: (v) => (isNewAccount && !v.trim() ? 'Enter your name.' : null),
      password: (v) =>
        isNewAccount && v.length < 8
          ? 'Use at least 8 characters.'
          : v.length > 128
            ? 'Use at most 128 characters.'
            : v.length === 0
              ? 'Enter your password.'
              : null,
    },
  });
  const submit = submitWithServerErrors(form, accept, {
    fields: ['name', 'password'],
    toInput: (values) => ({
      token,
      ...(isNewAccount ? { name: values.name.trim() } : {}),
      password: values.password,
    }),
    onSuccess: () => navigate('/', { replace: true }),
  });
  return (
    <AuthFrame
      title={`Join ${invitation.practiceName}`}
      intro={introOf(invitation)}
      footer={
        <Text size="sm" c="dimmed" component="span">
          This link works until {formatDateTime(invitation.expiresAt)}.
        </Text>
      }
    >
      <AuthForm
        onSubmit={submit}
        error={accept.error}
        isPending={accept.isPending}
        submitLabel="Join the team"
      >
        <TextInput label="Email" value={invitation.email} readOnly />
        {isNewAccount ? (
          <>
            <TextInput
              label="Your name"
              autoComplete="name"
              required
              {...form.getInputProps('name')}
            />
            <PasswordField
              label="Choose a password"
              description="8 to 128 characters; a few unrelated words work well. Common passwords and your email are refused."
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
          </>
        ) : (
          <PasswordField
            label="Your Vouch password"
            description="This email already has a Vouch account: join with its password."
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
        )}
      </AuthForm>
    </AuthFrame>
  );
}
