import { z } from '@hono/zod-openapi';
import { passwordLimits } from '../platform/auth.ts';
import { ZEmail, ZName, ZTimestamp } from '../platform/fields.ts';
import { ZPractice } from '../practices/practice.schemas.ts';

export const ZPassword = z.string().min(passwordLimits.min).max(passwordLimits.max);

export const ZSignUp = z
  .strictObject({
    // Optional: the practice is named in the setup step that follows sign-up.
    practiceName: ZName.optional(),
    name: ZName,
    email: ZEmail,
    password: ZPassword,
  })
  .openapi('SignUp');
export type SignUp = z.infer<typeof ZSignUp>;

export const ZSignIn = z
  .strictObject({ email: ZEmail, password: z.string().min(1).max(passwordLimits.max) })
  .openapi('SignIn');
export type SignIn = z.infer<typeof ZSignIn>;

export const ZUser = z
  .object({ id: z.string(), name: z.string(), email: z.string() })
  .openapi('User');
export type User = z.infer<typeof ZUser>;

export const ZRole = z.enum(['owner', 'member']);

export const ZSession = z
  .object({ user: ZUser, practice: ZPractice, role: ZRole })
  .openapi('Session');

export const ZApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: ZTimestamp,
    lastUsedAt: ZTimestamp.nullable(),
    revokedAt: ZTimestamp.nullable(),
    readOnly: z
      .boolean()
      .openapi({ description: 'It may only read (GET); any other call is 403.' }),
  })
  .openapi('ApiToken');
export type ApiToken = z.infer<typeof ZApiToken>;

export const ZCreatedApiToken = ZApiToken.extend({
  token: z.string().openapi({ description: 'The secret. It is shown only this once.' }),
}).openapi('CreatedApiToken');

export const ZCreateApiToken = z
  .strictObject({
    name: ZName,
    readOnly: z
      .boolean()
      .optional()
      .openapi({ description: '`true`: the token may only read (GET); writes get 403.' }),
  })
  .openapi('CreateApiToken');

export const ZChangePassword = z
  .strictObject({
    currentPassword: z.string().min(1).max(passwordLimits.max),
    newPassword: ZPassword,
  })
  .openapi('ChangePassword');
export type ChangePassword = z.infer<typeof ZChangePassword>;
