import {
  Alert,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import {
  type ContactRef,
  INCENTIVE_KINDS,
  type IncentiveInput,
  type IncentiveKind,
  type IncentiveRecipient,
} from '../api/types';
import { useMe } from '../auth/use-auth';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { currencyDigits, formatMoney } from '../format';
import { INCENTIVE_KIND_LABELS } from '../labels';
import { referredName } from '../referrals/referred-name';
import { RulingBadge } from './ruling-badge';
import { useCreateIncentive, useIncentivePreview } from './use-incentives';

/** What the incentive is linked to: a referral (with its two people) or a commitment. */
export type IncentiveLink =
  | { type: 'referral'; id: string; referrer: ContactRef | null; referred: ContactRef | null }
  | { type: 'commitment'; id: string; contact: ContactRef };

type IncentiveDialogProps = { opened: boolean; onClose: () => void; link: IncentiveLink };

export function IncentiveDialog({ opened, onClose, link }: IncentiveDialogProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Record an incentive"
      size="lg"
      fullScreen={Boolean(isPhone)}
    >
      {opened ? <IncentiveForm link={link} onDone={onClose} /> : null}
    </Modal>
  );
}

function recipientName(link: IncentiveLink, recipient: IncentiveRecipient): string {
  if (link.type === 'commitment') {
    return recipient === 'referrer' ? link.contact.name : 'the people they refer';
  }
  return recipient === 'referrer'
    ? (link.referrer?.name ?? 'the referrer (unknown)')
    : referredName(link);
}

function IncentiveForm({ link, onDone }: { link: IncentiveLink; onDone: () => void }) {
  const me = useMe();
  const currency = me.data?.practice.settings.currency ?? 'USD';
  const digits = currencyDigits(currency);
  const create = useCreateIncentive();
  const [kind, setKind] = useState<IncentiveKind>('gift');
  const [recipient, setRecipient] = useState<IncentiveRecipient>('referrer');
  const [description, setDescription] = useState('');
  const [value, setValue] = useState<number | string>('');
  const [inAdvance, setInAdvance] = useState(false);

  const input = useMemo<IncentiveInput>(
    () => ({
      kind,
      recipient,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(typeof value === 'number'
        ? { valueMinor: Math.round(value * 10 ** digits), currency }
        : {}),
      ...(link.type === 'referral' ? { referralId: link.id } : { commitmentId: link.id }),
      ...(link.type === 'referral' && inAdvance ? { isPromisedInAdvance: true } : {}),
    }),
    [kind, recipient, description, value, digits, currency, link, inAdvance],
  );
  const [debounced] = useDebouncedValue(input, 300);
  const preview = useIncentivePreview(debounced);
  const ruling = preview.data;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          message: `${INCENTIVE_KIND_LABELS[saved.kind]} for ${recipientName(link, recipient)} recorded.`,
        });
        onDone();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label="Kind"
          value={kind}
          data={INCENTIVE_KINDS.map((k) => ({ value: k, label: INCENTIVE_KIND_LABELS[k] }))}
          onChange={(e) =>
            setKind(INCENTIVE_KINDS.find((k) => k === e.currentTarget.value) ?? 'gift')
          }
        />
        <Radio.Group
          label="For whom"
          value={recipient}
          onChange={(v) => setRecipient(v === 'referred' ? 'referred' : 'referrer')}
        >
          <Group gap="lg" mt={4}>
            <Radio value="referrer" label={`The referrer (${recipientName(link, 'referrer')})`} />
            <Radio
              value="referred"
              label={
                link.type === 'commitment'
                  ? 'The people they refer'
                  : `The person referred (${referredName(link)})`
              }
            />
          </Group>
        </Radio.Group>
        <GrowingTextarea
          label="Description"
          placeholder="e.g. Dinner for two at Alinea"
          minRows={1}
          maxLength={2000}
          value={description}
          onValueChange={setDescription}
        />
        <NumberInput
          label={`Value (${currency})`}
          description={
            me.data
              ? `Nominal gifts are up to ${formatMoney(me.data.practice.settings.nominalGiftMinor, currency)}.`
              : undefined
          }
          min={0}
          allowNegative={false}
          clampBehavior="none"
          decimalScale={digits}
          thousandSeparator=","
          value={value}
          onChange={setValue}
        />
        {link.type === 'referral' ? (
          <Checkbox
            label="Promised before the referral came"
            description="Gifts that must stay nominal may only be given after a referral, as thanks."
            checked={inAdvance}
            onChange={(e) => setInAdvance(e.currentTarget.checked)}
          />
        ) : (
          <Text size="sm" c="dimmed">
            Linked to a commitment, so it counts as promised in advance.
          </Text>
        )}
        <section aria-live="polite" aria-label="Ethics ruling">
          {preview.isError ? <ProblemAlert error={preview.error} title="No ruling" /> : null}
          {ruling ? (
            <Alert
              color={ruling.refusal ? 'red' : ruling.verdict === 'allowed' ? 'teal' : 'yellow'}
              variant="light"
              title={
                <Group gap="xs">
                  <span>Ethics ruling:</span>
                  <RulingBadge ruling={ruling.verdict} />
                </Group>
              }
            >
              <Text size="sm">{ruling.reason}</Text>
              <Text size="xs" c="dimmed">
                Source: {ruling.source}
              </Text>
              {ruling.refusal ? (
                <Text size="sm" fw={600} mt={4}>
                  {ruling.refusal}
                </Text>
              ) : null}
              {ruling.verdict === 'allowed_with_disclosure' && !ruling.refusal ? (
                <Text size="sm" mt={4}>
                  Record the disclosure before you mark it delivered.
                </Text>
              ) : null}
            </Alert>
          ) : preview.isFetching ? (
            <Text size="sm" c="dimmed">
              Checking the ethics ruling…
            </Text>
          ) : null}
        </section>
        <ProblemAlert error={create.error} title="Vouch did not record it" />
        <FormActions submitLabel="Save incentive" isPending={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
