import type { FormErrors } from '@mantine/form';
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
