import type { FormErrors, UseFormReturnType } from '@mantine/form';
import { ProblemError } from './api';

/**
 * Puts each `errors[].field` message of a problem under the matching form field.
 * Field paths are dotted (`settings.responseWindowHours`, `keyPhrases.2`); the first
 * path segment that is a known field wins, and `aliases` maps API names to form names.
 * Returns the fields that were matched.
 */
export function toFormErrors(
  error: unknown,
  knownFields: readonly string[],
  aliases: Record<string, string> = {},
): FormErrors {
  if (!(error instanceof ProblemError)) return {};
  const result: FormErrors = {};
  for (const { field, message } of error.errors) {
    const segments = field.split('.');
    const candidates = [field, ...segments];
    for (const candidate of candidates) {
      const name = aliases[candidate] ?? candidate;
      if (knownFields.includes(name)) {
        if (!(name in result)) result[name] = message;
        break;
      }
    }
  }
  return result;
}

/** After a failed submit, move the keyboard focus to the first field marked invalid. */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('form [aria-invalid="true"]');
    field?.focus();
  });
}

/** The `onError` of a form's write: the server's field problems go under their fields, focus on the first. */
export function showServerErrors(
  form: { setErrors: (errors: FormErrors) => void },
  knownFields: readonly string[],
  aliases: Record<string, string> = {},
): (error: unknown) => void {
  return (error) => {
    form.setErrors(toFormErrors(error, knownFields, aliases));
    focusFirstInvalid();
  };
}

type FormMutation<Input, Result> = {
  mutate: (
    input: Input,
    options: { onSuccess: (result: Result) => void; onError: (error: unknown) => void },
  ) => void;
};

/**
 * The submit handler of a form that sends one write: the values the client accepts are turned into
 * the input (`null`: nothing to send), and the server's field problems go under their fields.
 * Either way of failing moves the focus to the first invalid field.
 */
export function submitWithServerErrors<Values extends Record<string, unknown>, Input, Result>(
  form: UseFormReturnType<Values>,
  mutation: FormMutation<Input, Result>,
  options: {
    fields: readonly string[];
    aliases?: Record<string, string>;
    toInput: (values: Values) => Input | null;
    onSuccess: (result: Result) => void;
  },
) {
  const onError = showServerErrors(form, options.fields, options.aliases);
  return form.onSubmit((values) => {
    const input = options.toInput(values);
    if (input !== null) mutation.mutate(input, { onSuccess: options.onSuccess, onError });
  }, focusFirstInvalid);
}

/**
 * What the browser checks before the server does: something@something.tld. The server's
 * check (zod's email) has the last word; this only catches a typo without a round trip.
 */
export const looksLikeEmail = (value: string): boolean => /^\S+@\S+\.\S+$/.test(value.trim());
