// Type-level tests of the API client, checked by `tsc -p web/tsconfig.json` (never run, never
// bundled): each @ts-expect-error must meet an error, so if the typing goes loose, tsc fails.
import { api, buildUrl } from './api';
import type { Contact, ContactDetail, ReferralDetail, ReferralInput } from './api/types';

const quickAdd: ReferralInput = {
  referred: { name: 'Ada' },
  referrer: { unknown: true },
  channel: 'phone',
};

export async function callsAreTypedByPath(id: string): Promise<ContactDetail> {
  // @ts-expect-error a path the API does not have
  await api.get('/referralz');
  // @ts-expect-error a method the path does not take
  await api.delete('/referrals');
  // @ts-expect-error the path's {id} is required
  await api.get('/referrals/{id}');
  // @ts-expect-error a path parameter of the wrong name
  await api.get('/referrals/{id}', { path: { referralId: id } });
  // @ts-expect-error the body is required
  await api.post('/referrals');
  // @ts-expect-error a body field the operation does not take
  await api.post('/referrals', { body: { ...quickAdd, nonsense: 1 } });
  // @ts-expect-error a body field the operation does not take, beside a path parameter
  await api.patch('/contacts/{id}', { path: { id }, body: { nam: 'Ada' } });
  // @ts-expect-error a value outside the field's enum
  await api.post('/referrals', { body: { ...quickAdd, channel: 'fax' } });
  // @ts-expect-error a query parameter the path does not take
  await api.get('/contacts', { query: { nonsense: 'x' } });
  // @ts-expect-error GET takes no body
  await api.get('/contacts', { body: {} });
  // @ts-expect-error POST /referrals answers a ReferralDetail, not a Contact
  const wrong: Contact = await api.post('/referrals', { body: quickAdd });
  // @ts-expect-error a 204 answers nothing
  const nothing: Contact = await api.delete('/contacts/{id}', { path: { id } });
  // @ts-expect-error downloads are built from GET paths only
  buildUrl('/referrals/{id}/status', { path: { id } });
  const right: ReferralDetail = await api.post('/referrals', { body: quickAdd });
  const contact: ContactDetail = await api.get('/contacts/{id}', { path: { id } });
  return [wrong, nothing, right].length > 0 ? contact : contact;
}
