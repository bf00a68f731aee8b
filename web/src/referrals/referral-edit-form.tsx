import { Checkbox, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Channel, Referral, ReferralUpdate } from '../api/types';
import { useMe } from '../auth/use-auth';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { blankToNull, currencyDigits } from '../format';
import { ownerOptions, useMembers } from '../team/use-members';
import { ChannelSelect, CircleSelect, ConsentCheckbox, ReferralTagsField } from './referral-fields';
import { useUpdateReferral } from './use-referrals';

/** Need, tags, value, consent, owner, channel and where; a consent change is audited. */
export function ReferralEditForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const me = useMe();
  const update = useUpdateReferral();
  const digits = currencyDigits(referral.currency);
  const [need, setNeed] = useState(referral.need ?? '');
  const [tags, setTags] = useState(referral.tags);
  const [value, setValue] = useState<number | string>(
    referral.valueMinor === null ? '' : referral.valueMinor / 10 ** digits,
  );
  const [consent, setConsent] = useState(referral.consentToUpdate);
  const [warmHandoff, setWarmHandoff] = useState(referral.warmHandoff);
  const [ownerId, setOwnerId] = useState(referral.owner?.id ?? me.data?.user.id ?? '');
  const [channel, setChannel] = useState<Channel>(referral.channel);
  const [circleId, setCircleId] = useState(referral.circle?.id ?? '');
  const [place, setPlace] = useState(referral.place ?? '');

  const members = useMembers();
  const owners = ownerOptions(members.data, me.data?.user.id, referral.owner ?? me.data?.user);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body: ReferralUpdate = {
      need: blankToNull(need),
      tags,
      valueMinor: typeof value === 'number' ? Math.round(value * 10 ** digits) : null,
      consentToUpdate: consent,
      warmHandoff,
      channel,
      circleId: circleId || null,
      place: blankToNull(place),
      ...(ownerId ? { ownerId } : {}),
    };
    update.mutate(
      { id: referral.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Referral saved.' });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit referral">
      <Stack gap="sm">
        <GrowingTextarea
          label="Need"
          maxLength={2000}
          value={need}
          onValueChange={setNeed}
          data-autofocus
        />
        <ReferralTagsField value={tags} onChange={setTags} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <ChannelSelect value={channel} onChange={setChannel} />
          <CircleSelect value={circleId} onChange={setCircleId} />
          <TextInput
            label="Place"
            placeholder="e.g. Chamber breakfast"
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
          />
          <NumberInput
            label={`Expected value (${referral.currency})`}
            min={0}
            allowNegative={false}
            clampBehavior="none"
            decimalScale={digits}
            thousandSeparator=","
            hideControls
            value={value}
            onChange={setValue}
          />
          <NativeSelect
            label="Owner"
            value={ownerId}
            data={owners}
            onChange={(e) => setOwnerId(e.currentTarget.value)}
          />
        </SimpleGrid>
        <ConsentCheckbox checked={consent} onChange={setConsent} />
        <Checkbox
          label="Warm hand-off"
          description="The referrer introduced you in person or by a joint message."
          checked={warmHandoff}
          onChange={(e) => setWarmHandoff(e.currentTarget.checked)}
        />
        <ProblemAlert error={update.error} />
        <FormActions submitLabel="Save changes" isPending={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
