import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Member } from '../api/types';

/** The practice's team (GET /members), by name: the owner choices of referrals. */
export function useMembers() {
  return useQuery({
    queryKey: ['members'],
    queryFn: ({ signal }) => api.get('/members', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** Select options for an owner: every member, "(me)" marking the caller; keeps an unknown current one. */
export function ownerOptions(
  members: Member[] | undefined,
  meId: string | undefined,
  current?: { id: string; name: string } | null,
): { value: string; label: string }[] {
  const options = (members ?? []).map((m) => ({
    value: m.id,
    label: m.id === meId ? `${m.name} (me)` : m.name,
  }));
  if (current && !options.some((o) => o.value === current.id)) {
    options.push({ value: current.id, label: current.name });
  }
  return options;
}
