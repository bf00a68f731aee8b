import { z } from '@hono/zod-openapi';
import { ZRole } from '../accounts/account.schemas.ts';
import { passwordLimits } from '../platform/auth.ts';
import { ZEmail, ZName, ZTimestamp } from '../platform/fields.ts';

export const ZInvitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);

export const ZInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: ZRole,
    status: ZInvitationStatus,
    invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: ZTimestamp,
    sentAt: ZTimestamp,
    expiresAt: ZTimestamp,
    acceptedAt: ZTimestamp.nullable(),
    revokedAt: ZTimestamp.nullable(),
  })
  .openapi('Invitation');
export type Invitation = z.infer<typeof ZInvitation>;

export const ZSentInvitation = ZInvitation.extend({
  link: z.string().openapi({
    description:
      'The invitation link, shown in this answer only (it is also emailed through the outbox). ' +
      'Pass it on yourself when email is not set up.',
  }),
  emailSetUp: z.boolean().openapi({
    description:
      'Whether the practice has email set up: without it the email waits in the outbox, and ' +
      'the link is best passed on by hand.',
  }),
}).openapi('SentInvitation');
export type SentInvitation = z.infer<typeof ZSentInvitation>;

export const ZCreateInvitation = z
  .strictObject({
    email: ZEmail,
    role: ZRole.default('member').openapi({ description: '`member` unless said otherwise.' }),
  })
  .openapi('CreateInvitation');
export type CreateInvitation = z.infer<typeof ZCreateInvitation>;

/** What the person holding a link sees before they join. */
export const ZInvitationPreview = z
  .object({
    practiceName: z.string(),
    email: z.string(),
    role: ZRole,
    invitedBy: z.string().nullable(),
    expiresAt: ZTimestamp,
    hasAccount: z.boolean().openapi({
      description:
        'The email already has a Vouch account without a practice: join with its password.',
    }),
  })
  .openapi('InvitationPreview');
export type InvitationPreview = z.infer<typeof ZInvitationPreview>;

export const ZInvitationToken = z.string().min(1).max(200);

export const ZAcceptInvitation = z
  .strictObject({
    token: ZInvitationToken,
    name: ZName.optional().openapi({ description: 'Required for a new account.' }),
    password: z.string().min(1).max(passwordLimits.max).openapi({
      description: "A new account's password, or the existing account's own.",
    }),
  })
  .openapi('AcceptInvitation');
export type AcceptInvitation = z.infer<typeof ZAcceptInvitation>;

export const ZChangeRole = z.strictObject({ role: ZRole }).openapi('ChangeRole');
