import ICAL from 'ical.js';

/** A vCard read by an independent parser (ical.js): each property's values and parameters. */
export function parseVcard(text: string) {
  const card = new ICAL.Component(ICAL.parse(text));
  if (card.name !== 'vcard') throw new Error(`not a vCard: ${card.name}`);
  const props = new Map<string, { values: unknown[]; params: Record<string, unknown> }>();
  for (const p of card.getAllProperties())
    props.set(p.name, { values: p.getValues(), params: p.toJSON()[1] as Record<string, unknown> });
  return props;
}

/** The first value of a property, or undefined. */
export const vcardValue = (props: ReturnType<typeof parseVcard>, name: string) =>
  props.get(name)?.values[0];
