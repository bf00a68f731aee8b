import {
  Button,
  Checkbox,
  Collapse,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useHotkeys, useMediaQuery } from '@mantine/hooks';
import {
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router';
import { ProblemError } from '../api';
import type { Referral } from '../api/types';
import { useMe } from '../auth/use-auth';
import { showActionToast } from '../components/action-toast';
import { ProblemAlert } from '../components/problem-alert';
import { WhenField } from '../components/text-fields';
import { ContactPicker } from '../contacts/contact-picker';
import { focusFirstInvalid } from '../form-errors';
import { currencyDigits } from '../format';
import { ownerOptions, useMembers } from '../team/use-members';
import { QuickAddContext, type QuickAddPrefill, useQuickAdd } from './quick-add-context';
import {
  type DraftErrors,
  draftFieldOf,
  emptyDraft,
  foldedFields,
  isBlankDraft,
  isNewPerson,
  isNewReferrer,
  type QuickAddDraft,
  toReferralInput,
} from './quick-add-draft';
import { ChannelSelect, CircleSelect, ConsentCheckbox, ReferralTagsField } from './referral-fields';
import { referredName } from './referred-name';
import { useCreateReferral } from './use-referrals';

/** The opening of the dialog: where it starts from, and whether that is a kept draft. */
type Opening = { draft: QuickAddDraft; isRestored: boolean };

/**
 * Holds the quick-add modal and the `r` shortcut for every page of the app. What was typed is
 * kept when the dialog is closed without saving (Escape, a click outside, Cancel) and offered
 * again on the next plain opening; an opening for given people starts afresh.
 */
export function QuickAddProvider({ children }: { children: ReactNode }) {
  const [opening, setOpening] = useState<Opening | null>(null);
  const [session, setSession] = useState(0);
  // In memory only: the draft names a referred person, so it is never written to storage.
  const kept = useRef<QuickAddDraft | null>(null);
  const open = useCallback((prefill: QuickAddPrefill = {}) => {
    setSession((n) => n + 1);
    const given = prefill.referred !== undefined || prefill.referrer !== undefined;
    const draft = kept.current;
    setOpening(
      !given && draft
        ? { draft, isRestored: true }
        : { draft: emptyDraft(prefill), isRestored: false },
    );
  }, []);
  const close = useCallback(() => setOpening(null), []);
  const value = useMemo(() => ({ open }), [open]);
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const onDraftChange = useCallback((draft: QuickAddDraft) => {
    kept.current = isBlankDraft(draft) ? null : draft;
  }, []);
  // The toast stays until used or closed, so its link can be reached by keyboard.
  const onSaved = useCallback(
    (saved: Referral) => {
      kept.current = null;
      setOpening(null);
      const to = `/referrals/${saved.id}`;
      showActionToast({
        title: 'Referral saved',
        message: `${referredName(saved)}${saved.referrer ? `, from ${saved.referrer.name}` : ''}.`,
        action: { label: 'Open it', onClick: () => navigate(to) },
      });
    },
    [navigate],
  );
  // Mantine ignores the shortcut while typing in an input, textarea or select; it is also
  // ignored while any dialog (this one included) is open, so it never resets a form.
  useHotkeys([
    [
      'r',
      () => {
        if (opening === null && !document.querySelector('[role="dialog"]')) open();
      },
    ],
  ]);

  return (
    <QuickAddContext.Provider value={value}>
      {children}
      <Modal
        opened={opening !== null}
        onClose={close}
        title="Add referral"
        size="lg"
        fullScreen={Boolean(isPhone)}
      >
        {opening ? (
          <QuickAddForm
            key={session}
            opening={opening}
            onDone={close}
            onSaved={onSaved}
            onDraftChange={onDraftChange}
          />
        ) : null}
      </Modal>
    </QuickAddContext.Provider>
  );
}

/**
 * Escape in a combobox (the contact pickers, the tags) is kept from the dialog by Mantine while
 * the combobox counts as open (`data-mantine-stop-propagation`), and a picker counts as open
 * whenever it has focus — so Escape was swallowed while typing. Here Escape closes the dialog,
 * unless the user has moved into a showing list of options with the arrows (an active option):
 * then it closes just the list, as a combobox should, and the next Escape the dialog.
 */
function escapeClosesDialog(event: KeyboardEvent<HTMLElement>, close: () => void) {
  if (event.key !== 'Escape' || event.nativeEvent.isComposing) return;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.getAttribute('data-mantine-stop-propagation') !== 'true') return;
  const active = target.getAttribute('aria-activedescendant');
  const option = active ? document.getElementById(active) : null;
  if (!option?.checkVisibility()) close();
}

/** The header button; the tooltip and aria-keyshortcuts tell the shortcut. */
export function AddReferralButton() {
  const quickAdd = useQuickAdd();
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Tooltip label="Add referral (shortcut: R)" withArrow>
      <Button
        size={isPhone ? 'compact-sm' : 'sm'}
        onClick={() => quickAdd.open()}
        aria-keyshortcuts="r"
      >
        Add referral
      </Button>
    </Tooltip>
  );
}

type QuickAddFormProps = {
  opening: Opening;
  onDone: () => void;
  onSaved: (referral: Referral) => void;
  onDraftChange: (draft: QuickAddDraft) => void;
};

/**
 * Who was referred, by whom, and the need; the rest folded under "More details", so Save is in
 * view without scrolling on a laptop and on a phone. A referrer who is not a contact yet is
 * typed by name (and an optional email) and made a contact with the referral.
 */
function QuickAddForm({ opening, onDone, onSaved, onDraftChange }: QuickAddFormProps) {
  const me = useMe();
  const create = useCreateReferral();
  const members = useMembers();
  const currency = me.data?.practice.settings.currency ?? 'USD';
  const user = me.data?.user;
  const [draft, setDraft] = useState<QuickAddDraft>(opening.draft);
  const [isRestored, setIsRestored] = useState(opening.isRestored);
  const [errors, setErrors] = useState<DraftErrors>({});
  const moreId = useId();
  const set = <K extends keyof QuickAddDraft>(key: K, next: QuickAddDraft[K]) =>
    setDraft((old) => ({ ...old, [key]: next }));

  useEffect(() => onDraftChange(draft), [draft, onDraftChange]);

  const showErrors = (next: DraftErrors) => {
    setErrors(next);
    if (foldedFields.some((f) => next[f])) set('showMore', true);
    // After the fold opened, so a folded field can take the focus.
    setTimeout(focusFirstInvalid, 0);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const result = toReferralInput(draft, {
      currency,
      digits: currencyDigits(currency),
      ownerId: user?.id ?? '',
    });
    if ('errors' in result) {
      showErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.input, {
      onSuccess: onSaved,
      onError: (error) => {
        const next: DraftErrors = {};
        if (error instanceof ProblemError)
          for (const { field, message } of error.errors) {
            const at = draftFieldOf(field);
            if (at && !next[at]) next[at] = message;
          }
        showErrors(next);
      },
    });
  };

  const clear = () => {
    setDraft(emptyDraft());
    setErrors({});
    setIsRestored(false);
    create.reset();
  };

  const isBlank = isBlankDraft(draft);
  const hasNewReferrer = isNewReferrer(draft);

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Add referral"
      onKeyDownCapture={(event) => escapeClosesDialog(event, onDone)}
    >
      <Stack gap="sm">
        <ContactPicker
          label="Referred person"
          required
          allowNew
          autoFocus
          value={draft.referred}
          onChange={(next) => set('referred', next)}
          error={errors.referred}
          excludeId={draft.referrer.contact?.id}
        />
        {isNewPerson(draft) ? (
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="Their email (optional)"
              type="email"
              autoComplete="off"
              value={draft.email}
              onChange={(e) => set('email', e.currentTarget.value)}
            />
            <TextInput
              label="Their phone (optional)"
              type="tel"
              autoComplete="off"
              value={draft.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
            />
          </SimpleGrid>
        ) : null}
        <ContactPicker
          label="Referrer"
          required={!draft.isUnknown}
          allowNew
          description="Who sent them: a contact, or a new name."
          value={draft.referrer}
          onChange={(next) => set('referrer', next)}
          disabled={draft.isUnknown}
          error={errors.referrer}
          excludeId={draft.referred.contact?.id}
        />
        {hasNewReferrer ? (
          <TextInput
            label="Referrer’s email (optional)"
            type="email"
            autoComplete="off"
            value={draft.referrerEmail}
            error={errors.referrerEmail}
            onChange={(e) => set('referrerEmail', e.currentTarget.value)}
          />
        ) : null}
        <Checkbox
          label="Unknown referrer (only when you really do not know who sent them)"
          checked={draft.isUnknown}
          onChange={(e) => {
            set('isUnknown', e.currentTarget.checked);
            setErrors((old) => ({ ...old, referrer: undefined }));
          }}
        />
        <TextInput
          label="Need"
          placeholder="Why they came, in a few words"
          value={draft.need}
          error={errors.need}
          maxLength={2000}
          onChange={(e) => set('need', e.currentTarget.value)}
        />
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            px={0}
            aria-expanded={draft.showMore}
            aria-controls={moreId}
            onClick={() => set('showMore', !draft.showMore)}
          >
            {draft.showMore ? 'Fewer details' : 'More details'}
          </Button>
          <Text span size="xs" c="dimmed" ml="xs">
            channel, date received, tags, circle, value, owner, consent
          </Text>
        </div>
        <Collapse expanded={draft.showMore} id={moreId}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <ChannelSelect value={draft.channel} onChange={(next) => set('channel', next)} />
              <WhenField
                label="Date received"
                description="Empty: now."
                value={draft.receivedAt}
                error={errors.receivedAt}
                onValueChange={(next) => set('receivedAt', next)}
              />
              <CircleSelect value={draft.circleId} onChange={(next) => set('circleId', next)} />
              <NumberInput
                label={`Expected value (${currency})`}
                min={0}
                decimalScale={currencyDigits(currency)}
                thousandSeparator=","
                value={draft.value}
                error={errors.value}
                onChange={(next) => set('value', next)}
                hideControls
              />
              <NativeSelect
                label="Owner"
                value={draft.ownerId || user?.id || ''}
                data={ownerOptions(members.data, user?.id, user)}
                description="Who will contact them."
                onChange={(e) => set('ownerId', e.currentTarget.value)}
              />
            </SimpleGrid>
            <ReferralTagsField
              description="Press Enter or comma after each tag."
              placeholder="e.g. pricing"
              value={draft.tags}
              onChange={(next) => set('tags', next)}
            />
            <ConsentCheckbox checked={draft.consent} onChange={(next) => set('consent', next)} />
          </Stack>
        </Collapse>
        <ProblemAlert error={create.error} />
        <Group
          justify="space-between"
          gap="xs"
          pos="sticky"
          bottom={0}
          py="xs"
          bg="var(--mantine-color-body)"
          style={{ zIndex: 1 }}
        >
          <Group gap="xs">
            {!isBlank ? (
              <Button variant="subtle" size="compact-sm" onClick={clear}>
                Clear
              </Button>
            ) : null}
            {isRestored && !isBlank ? (
              <Text size="xs" c="dimmed">
                Restored what you typed before.
              </Text>
            ) : null}
          </Group>
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Save referral
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
