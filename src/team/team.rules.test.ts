import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hashInvitationToken,
  invitationExpiry,
  invitationRefusal,
  invitationStatus,
  invitationUrl,
  lastOwnerRefusal,
  type Role,
} from './team.rules.ts';

const sentAt = new Date('2026-06-15T12:00:00.000Z');
const row = (over: Partial<Parameters<typeof invitationStatus>[0]> = {}) => ({
  accepted_at: null,
  revoked_at: null,
  expires_at: invitationExpiry(sentAt).toISOString(),
  ...over,
});

describe('invitation links', () => {
  it('work for 7 days from when they were sent, to the millisecond', () => {
    expect(invitationExpiry(sentAt).toISOString()).toBe('2026-06-22T12:00:00.000Z');
    expect(invitationStatus(row(), new Date('2026-06-22T11:59:59.999Z'))).toBe('pending');
    expect(invitationStatus(row(), new Date('2026-06-22T12:00:00.000Z'))).toBe('expired');
  });

  it('say used before withdrawn before expired, and each in words', () => {
    const late = new Date('2027-01-01T00:00:00.000Z');
    const used = row({ accepted_at: '2026-06-16T00:00:00.000Z', revoked_at: 'x' });
    expect(invitationStatus(used, late)).toBe('accepted');
    expect(invitationStatus(row({ revoked_at: '2026-06-16T00:00:00.000Z' }), late)).toBe('revoked');
    expect(invitationRefusal('pending')).toBeNull();
    expect(invitationRefusal('accepted')).toMatch(/already been used/);
    expect(invitationRefusal('revoked')).toMatch(/withdrawn/);
    expect(invitationRefusal('expired')).toMatch(/expired \(links work for 7 days\)/);
  });

  it('are kept as a SHA-256 hash, and open the join page under the base URL', () => {
    expect(hashInvitationToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(invitationUrl('https://vouch.example/office/', 'a-b_c')).toBe(
      'https://vouch.example/office/join/a-b_c',
    );
  });
});

describe('the last owner', () => {
  const members = (roles: Role[]) => roles.map((role, i) => ({ userId: `u${i}`, role }));

  it('may not step down or be removed; another owner may', () => {
    const one = members(['owner', 'member']);
    expect(lastOwnerRefusal(one, 'u0', { role: 'member' })).toMatch(/cannot step down/);
    expect(lastOwnerRefusal(one, 'u0', 'remove')).toMatch(/cannot be removed/);
    expect(lastOwnerRefusal(one, 'u0', { role: 'owner' })).toBeNull();
    expect(lastOwnerRefusal(one, 'u1', 'remove')).toBeNull();
    expect(lastOwnerRefusal(one, 'u1', { role: 'owner' })).toBeNull();
    const two = members(['owner', 'owner']);
    expect(lastOwnerRefusal(two, 'u0', { role: 'member' })).toBeNull();
    expect(lastOwnerRefusal(two, 'u1', 'remove')).toBeNull();
  });

  it('any change it allows leaves a practice that had an owner with one (property)', () => {
    const role = fc.constantFrom<Role>('owner', 'member');
    fc.assert(
      fc.property(
        fc.array(role, { minLength: 1, maxLength: 8 }),
        fc.nat(7),
        fc.oneof(
          fc.constant('remove' as const),
          role.map((r) => ({ role: r })),
        ),
        (roles, pick, change) => {
          const team = members(roles);
          const target = team[pick % team.length]?.userId ?? 'u0';
          if (lastOwnerRefusal(team, target, change) !== null) return;
          const after =
            change === 'remove'
              ? team.filter((m) => m.userId !== target)
              : team.map((m) => (m.userId === target ? { ...m, role: change.role } : m));
          const hadOwner = team.some((m) => m.role === 'owner');
          expect(!hadOwner || after.some((m) => m.role === 'owner')).toBe(true);
        },
      ),
    );
  });
});
