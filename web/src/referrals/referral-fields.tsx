import { Checkbox, NativeSelect, TagsInput } from '@mantine/core';
import { CHANNELS, type Channel } from '../api/types';
import { useCircles } from '../contacts/use-groups';
import { CHANNEL_LABELS } from '../labels';

/** §3.2: what consent to update allows a referrer to hear, and what it never does. */
export const CONSENT_EXPLANATION =
  'Only with the referred person’s consent may the referrer hear how it went (contact made, meeting, client) — never their need or notes. Without it, you only thank the referrer.';

/** The fields the quick-add and the edit form share, so they read and behave alike. */
export function ReferralTagsField(props: {
  value: string[];
  onChange: (tags: string[]) => void;
  description?: string;
  placeholder?: string;
}) {
  return (
    <TagsInput
      label="Tags"
      description={props.description}
      placeholder={props.placeholder}
      value={props.value}
      // Tags are matched case-insensitively; they are kept in lower case.
      onChange={(next) => props.onChange(next.map((t) => t.toLocaleLowerCase()))}
      maxTags={10}
      splitChars={[',']}
      clearable
    />
  );
}

export function ChannelSelect(props: { value: Channel; onChange: (channel: Channel) => void }) {
  return (
    <NativeSelect
      label="Channel"
      value={props.value}
      data={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
      onChange={(e) =>
        props.onChange(CHANNELS.find((c) => c === e.currentTarget.value) ?? props.value)
      }
    />
  );
}

/** The circle a referral came through; '' for none. */
export function CircleSelect(props: { value: string; onChange: (circleId: string) => void }) {
  const circles = useCircles();
  return (
    <NativeSelect
      label="Circle"
      value={props.value}
      data={[
        { value: '', label: 'None' },
        ...(circles.data ?? []).map((c) => ({ value: c.id, label: c.name })),
      ]}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

export function ConsentCheckbox(props: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <Checkbox
      label="Consent to update the referrer"
      description={CONSENT_EXPLANATION}
      checked={props.checked}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
    />
  );
}
