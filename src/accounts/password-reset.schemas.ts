import { z } from '@hono/zod-openapi';
import { ZEmail } from '../platform/fields.ts';
import { ZPassword } from './account.schemas.ts';

export const ZRequestPasswordReset = z
  .strictObject({ email: ZEmail })
  .openapi('RequestPasswordReset');
export type RequestPasswordReset = z.infer<typeof ZRequestPasswordReset>;

export const ZPasswordResetRequested = z
  .object({
    message: z.string().openapi({
      description:
        'What to tell the person: the same for every email, known or not. It changes only ' +
        'when no practice on this server can send email.',
    }),
  })
  .openapi('PasswordResetRequested');
export type PasswordResetRequested = z.infer<typeof ZPasswordResetRequested>;

export const ZResetPassword = z
  .strictObject({
    token: z.string().min(1).max(200).openapi({ description: "The reset link's `token`." }),
    newPassword: ZPassword,
  })
  .openapi('ResetPassword');
export type ResetPassword = z.infer<typeof ZResetPassword>;
