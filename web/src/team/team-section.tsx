import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Invitation, Member, SentInvitation, TeamRole } from '../api/types';
import { useMe } from '../auth/use-auth';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyTextButton } from '../components/copy-text-button';
import { DataTable } from '../components/data-table';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { looksLikeEmail, submitWithServerErrors } from '../form-errors';
import { formatDateTime } from '../format';
import { SettingsSection } from '../settings/settings-section';
import { useMembers } from './use-members';
import {
  useChangeRole,
  useInvitations,
  useInvite,
  useRemoveMember,
  useResendInvitation,
  useRevokeInvitation,
} from './use-team';

const roleLabel: Record<TeamRole, string> = { owner: 'Owner', member: 'Member' };

const statusLabel: Record<Invitation['status'], { label: string; color: string }> = {
  pending: { label: 'Waiting', color: 'blue' },
  accepted: { label: 'Joined', color: 'teal' },
  revoked: { label: 'Withdrawn', color: 'gray' },
  expired: { label: 'Expired', color: 'orange' },
};

/** Settings → Team (owners): who is on the team, their roles, and invitations by email. */
export function TeamSection() {
  const [sent, setSent] = useState<SentInvitation | null>(null);
  return (
    <SettingsSection
      id="team-title"
      title="Team"
      description="Invite the people who work your referral program with you. Members work contacts, referrals, letters and Today; owners also change the practice, its settings and the team."
    >
      <Stack gap="lg">
        {sent ? <SentNotice sent={sent} onDone={() => setSent(null)} /> : null}
        <InviteForm onSent={setSent} />
        <MembersTable />
        <InvitationsTable onSent={setSent} />
      </Stack>
    </SettingsSection>
  );
}

function InviteForm({ onSent }: { onSent: (sent: SentInvitation) => void }) {
  const invite = useInvite();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', role: 'member' as TeamRole },
    validate: {
      email: (v) =>
        looksLikeEmail(v) ? null : 'Enter a valid email address, like name@example.com.',
    },
  });
  const submit = submitWithServerErrors(form, invite, {
    fields: ['email', 'role'],
    toInput: (values) => ({ email: values.email.trim(), role: values.role }),
    onSuccess: (sent) => {
      form.reset();
      onSent(sent);
    },
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Invite someone">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Email to invite"
            type="email"
            placeholder="name@example.com"
            style={{ flex: '1 1 240px' }}
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            data={[
              { value: 'member', label: 'Member' },
              { value: 'owner', label: 'Owner' },
            ]}
            allowDeselect={false}
            w={140}
            {...form.getInputProps('role')}
          />
          <Button type="submit" loading={invite.isPending}>
            Send invitation
          </Button>
        </Group>
        <ProblemAlert error={invite.error} />
      </Stack>
    </form>
  );
}

/** After an invitation goes out: where it went, and its link to pass on by hand if need be. */
function SentNotice({ sent, onDone }: { sent: SentInvitation; onDone: () => void }) {
  return (
    <Alert color="teal" variant="light" title={`Invitation for ${sent.email}`} role="status">
      <Stack gap="xs">
        <Text size="sm">
          {sent.emailSetUp
            ? 'The email is on its way through the outbox. The link works for 7 days.'
            : 'Email is not set up, so the email waits in the outbox. Pass this link on yourself; it works for 7 days.'}
        </Text>
        <Group gap="sm">
          <CopyTextButton value={sent.link} label="Copy invitation link" size="sm" />
          <Button variant="default" size="sm" onClick={onDone}>
            Done
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function MembersTable() {
  const members = useMembers();
  const me = useMe();
  const changeRole = useChangeRole();
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useRemoveMember();
  const owners = (members.data ?? []).filter((m) => m.role === 'owner').length;
  return (
    <Stack gap="xs">
      <Text fw={600}>People</Text>
      <ProblemAlert error={changeRole.error} />
      <QueryContent query={members}>
        {(rows) => (
          <DataTable minWidth={560} verticalSpacing="sm" columns={['Name', 'Email', 'Role', '']}>
            {rows.map((m) => {
              const isMe = m.id === me.data?.user.id;
              const lastOwner = m.role === 'owner' && owners === 1;
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.name}
                    {isMe ? ' (you)' : ''}
                  </Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={m.role === 'owner' ? 'teal' : 'gray'}>
                      {roleLabel[m.role]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        disabled={lastOwner}
                        title={lastOwner ? 'A practice always keeps an owner.' : undefined}
                        loading={changeRole.isPending && changeRole.variables?.id === m.id}
                        aria-label={`${m.role === 'owner' ? 'Make member' : 'Make owner'}: ${m.name}`}
                        onClick={() =>
                          changeRole.mutate(
                            { id: m.id, role: m.role === 'owner' ? 'member' : 'owner' },
                            {
                              onSuccess: (saved) =>
                                notifications.show({
                                  color: 'teal',
                                  message: `${saved.name} is now ${saved.role === 'owner' ? 'an owner' : 'a member'}.`,
                                }),
                            },
                          )
                        }
                      >
                        {m.role === 'owner' ? 'Make member' : 'Make owner'}
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        disabled={lastOwner}
                        aria-label={`Remove ${m.name}`}
                        onClick={() => setRemoving(m)}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
        )}
      </QueryContent>
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove ${removing?.name ?? ''} from the team?`}
        confirmLabel="Remove"
        isPending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!removing) return;
          const name = removing.name;
          remove.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              notifications.show({ color: 'teal', message: `${name} was removed from the team.` });
            },
          });
        }}
      >
        They are signed out everywhere at once, and their API tokens stop working. What they did
        stays, under their name.
      </ConfirmDialog>
    </Stack>
  );
}

function InvitationsTable({ onSent }: { onSent: (sent: SentInvitation) => void }) {
  const invitations = useInvitations();
  const me = useMe();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const timeZone = me.data?.practice.timeZone;
  return (
    <Stack gap="xs">
      <Text fw={600}>Invitations</Text>
      <ProblemAlert error={resend.error ?? revoke.error} />
      <QueryContent query={invitations}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed" size="sm">
              No invitations yet.
            </Text>
          ) : (
            <DataTable
              minWidth={640}
              verticalSpacing="sm"
              columns={['Email', 'Role', 'Status', 'Link works until', '']}
            >
              {rows.map((inv) => {
                const open = inv.status === 'pending' || inv.status === 'expired';
                return (
                  <Table.Tr key={inv.id}>
                    <Table.Td>{inv.email}</Table.Td>
                    <Table.Td>{roleLabel[inv.role]}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge
                        variant="light"
                        color={statusLabel[inv.status].color}
                        style={{ overflow: 'visible' }}
                      >
                        {statusLabel[inv.status].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {inv.status === 'pending' ? formatDateTime(inv.expiresAt, timeZone) : '—'}
                    </Table.Td>
                    <Table.Td>
                      {open ? (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`Send again to ${inv.email}`}
                            loading={resend.isPending && resend.variables === inv.id}
                            onClick={() => resend.mutate(inv.id, { onSuccess: onSent })}
                          >
                            Send again
                          </Button>
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            aria-label={`Withdraw the invitation to ${inv.email}`}
                            loading={revoke.isPending && revoke.variables === inv.id}
                            onClick={() =>
                              revoke.mutate(inv.id, {
                                onSuccess: () =>
                                  notifications.show({
                                    color: 'teal',
                                    message: `The invitation to ${inv.email} was withdrawn.`,
                                  }),
                              })
                            }
                          >
                            Withdraw
                          </Button>
                        </Group>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </DataTable>
          )
        }
      </QueryContent>
    </Stack>
  );
}
