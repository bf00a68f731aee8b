import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

/**
 * A list page's search box whose words live in the address. The address changes as the user
 * types, so a click on a result right after typing is never undone by a late address write
 * (a debounced write used to replace `/contacts/{id}` with `/contacts?q=…`); only the search
 * the list runs waits for a pause in the typing.
 */
export function useSearchInUrl(
  q: string | undefined,
  writeQ: (q: string | undefined) => void,
  pauseMs = 300,
) {
  const [text, setText] = useState(q ?? '');
  // The address changed from elsewhere (back, a link, "Clear filters"): the box follows it.
  const [seenQ, setSeenQ] = useState(q);
  if (q !== seenQ) {
    setSeenQ(q);
    if ((text.trim() || undefined) !== q) setText(q ?? '');
  }
  const [settledQ] = useDebouncedValue(q, pauseMs);
  const change = (value: string) => {
    setText(value);
    const next = value.trim() || undefined;
    if (next !== q) writeQ(next);
  };
  return { text, change, settledQ };
}
