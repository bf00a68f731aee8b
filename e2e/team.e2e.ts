import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import {
  sendJson,
  sendThroughSink,
  signUpPractice,
  testOutput,
  useServerAndBrowser,
  useSmtpSink,
} from './server.ts';

/** The invitation link in a raw email (quoted-printable soft breaks and `=3D` undone). */
function invitationLinkIn(raw: string): string | null {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  return /https?:\/\/\S+?\/join\/[A-Za-z0-9_%-]+/.exec(text)?.[0] ?? null;
}

/**
 * Issue 14, the team: the owner invites from Settings → Team, the invitee joins from the link
 * in the email the test SMTP server received, works as a member (adds a contact), and cannot
 * open Settings → Team; the owner sees them on the team and assigns them an item of Today,
 * which Sam finds under "Mine".
 */
describe('a practice of several people: invite, join, work as a member', () => {
  const running = useServerAndBrowser();
  const smtp = useSmtpSink();

  it('invites Sam by email; Sam joins from the link, adds a contact, and cannot open Settings → Team', async () => {
    const base = running.server.url;
    const ownerContext = await running.browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const owner = await ownerContext.newPage();
    await signUpPractice(owner, base, 'jane.team@example.com');
    await sendThroughSink(owner, base, smtp);

    // The owner invites from Settings → Team.
    await owner.goto(`${base}/settings/team`);
    const team = owner.getByRole('region', { name: 'Team' });
    await team.waitFor();
    await team.getByLabel('Email to invite').fill('sam.rivera@example.com');
    await team.getByRole('button', { name: 'Send invitation' }).click();
    await team.getByText('Invitation for sam.rivera@example.com').waitFor();
    await team.getByRole('button', { name: 'Copy invitation link' }).waitFor();
    await team.getByText('Waiting').waitFor();
    await owner.screenshot({ path: path.join(testOutput, 'team-invited.png'), fullPage: true });
    await expectNoAxeViolations(owner, 'Settings → Team');

    // The email arrives at the SMTP server through the outbox, with the link in it.
    await expect
      .poll(() => smtp.messages.filter((m) => m.to.includes('sam.rivera@example.com')).length, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe(1);
    const email = smtp.messages.find((m) => m.to.includes('sam.rivera@example.com'));
    expect(email?.raw).toMatch(/^Subject: Jane Morgan invited you to join Clear Path Coaching/m);
    const link = invitationLinkIn(email?.raw ?? '');
    expect(link, email?.raw).not.toBeNull();
    // The link names the server's configured address (localhost); the browser reaches the same
    // server at the address it was started on.
    const { pathname } = new URL(link ?? '');
    expect(pathname).toMatch(/^\/join\//);

    // Sam, in a browser of their own, opens the link and joins with a name and a password.
    const samContext = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sam = await samContext.newPage();
    await sam.goto(`${base}${pathname}`);
    await sam.getByRole('heading', { name: 'Join Clear Path Coaching', level: 1 }).waitFor();
    expect(await sam.getByText(/Jane Morgan invited sam\.rivera@example\.com/).count()).toBe(1);
    await sam.getByLabel('Your name').fill('Sam Rivera');
    await sam.getByLabel('Choose a password').fill('violet lantern orchestra 42');
    await sam.screenshot({ path: path.join(testOutput, 'team-join.png') });
    await expectNoAxeViolations(sam, 'the invitation page');
    await sam.getByRole('button', { name: 'Join the team' }).click();
    await sam.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const me = await (await sam.request.get(`${base}/api/v1/me`)).json();
    expect(me).toMatchObject({ user: { name: 'Sam Rivera' }, role: 'member' });

    // Sam works the referral program: adds a contact.
    await sam.goto(`${base}/contacts/new`);
    await sam.getByLabel('Name', { exact: true }).fill('Priya Shah');
    await sam.getByRole('button', { name: 'Save contact' }).click();
    await sam.getByRole('heading', { name: 'Priya Shah', level: 1 }).waitFor();
    // An owner's action is not offered to a member.
    expect(await sam.getByRole('button', { name: 'Delete contact' }).count()).toBe(0);

    // Settings → Team is not Sam's: not in the navigation, and its URL says who may.
    await sam.goto(`${base}/settings`);
    await sam.waitForURL(/\/settings\/calendar$/);
    const nav = sam.getByRole('navigation', { name: 'Settings pages' });
    await nav.getByRole('link', { name: 'Calendar feed' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Team' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Practice' }).count()).toBe(0);
    await sam.goto(`${base}/settings/team`);
    await sam.getByText('Team is for owners').waitFor();
    expect(await sam.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);
    expect(await sam.getByLabel('Email to invite').count()).toBe(0);
    await sam.screenshot({ path: path.join(testOutput, 'team-member-settings.png') });
    await expectNoAxeViolations(sam, "a member's Settings → Team");
    const refused = await sam.request.get(`${base}/api/v1/invitations`);
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ field: 'role' }] });

    // The owner sees Sam on the team, and the invitation used.
    await owner.goto(`${base}/settings/team`);
    await team.getByRole('cell', { name: 'Sam Rivera', exact: true }).waitFor();
    await team.getByText('Joined').waitFor();
    // Sam's contact is the practice's, with Sam's name on its history.
    await owner.goto(`${base}/contacts`);
    await owner.getByRole('link', { name: 'Priya Shah' }).first().click();
    await owner.getByRole('heading', { name: 'Priya Shah', level: 1 }).waitFor();
    await owner.getByText('Sam Rivera').first().waitFor();

    // The owner gives Sam a thing to do on Today; Sam finds it under "Mine".
    const priyaId = owner.url().split('/').at(-1) ?? '';
    await sendJson(owner, 'POST', `${base}/api/v1/referrals`, {
      referred: { name: 'Omar Haddad' },
      referrer: { contactId: priyaId },
      channel: 'phone',
    });
    await owner.goto(`${base}/`);
    const item = owner.locator('article', { hasText: 'Omar Haddad' }).first();
    await item.waitFor();
    await item.getByRole('button', { name: /^More: / }).click();
    await owner.getByRole('menuitem', { name: 'Sam Rivera' }).click();
    await item.getByText('· Sam Rivera').waitFor();
    await sam.goto(`${base}/`);
    await sam.getByText('Mine', { exact: true }).click();
    await sam.waitForURL(/whose=mine/);
    const mine = sam.locator('article', { hasText: 'Omar Haddad' }).first();
    await mine.getByText('· yours').waitFor();
    await sam.screenshot({ path: path.join(testOutput, 'team-mine.png') });
    await expectNoAxeViolations(sam, 'Today, Mine');

    await samContext.close();
    await ownerContext.close();
  });
});
