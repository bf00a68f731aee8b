import { z } from '@hono/zod-openapi';
import {
  letterLimits,
  letterSubjectFields,
  ZCause,
  ZTemplateKey,
} from '../letters/letter.schemas.ts';
import { limits, pageFields, ZEmail, ZText, ZTimestamp } from '../platform/fields.ts';

export const messageStatuses = ['draft', 'queued', 'sending', 'sent', 'failed'] as const;

/** How the mailer talks to the SMTP server: implicit TLS, STARTTLS, or plain (mailer.ts). */
const ZSmtpSecurity = z.enum(['tls', 'starttls', 'none']);
export type SmtpSecurity = z.infer<typeof ZSmtpSecurity>;

export const ZMessage = z
  .object({
    id: z.string(),
    templateKey: z.string(),
    to: z.object({
      contactId: z.string().nullable(),
      name: z.string(),
      email: z.string().nullable(),
    }),
    cc: z
      .object({ contactId: z.string().nullable(), name: z.string(), email: z.string().nullable() })
      .nullable()
      .openapi({
        description:
          'Who is copied: the referrer of an introduction (POST /introductions); null for letters.',
      }),
    subject: z.string(),
    body: z.string(),
    channel: z.enum(['email', 'letter']),
    status: z.enum(messageStatuses),
    /** For people: "not sent — SMTP not configured" while queued without SMTP settings. */
    statusLabel: z.string(),
    isReferrerFacing: z.boolean(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: ZTimestamp.nullable(),
    providerId: z.string().nullable(),
    sentAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
  })
  .openapi('Message');
export type Message = z.infer<typeof ZMessage>;

export const ZMessagePage = z
  .object({ items: z.array(ZMessage), nextCursor: z.string().nullable() })
  .openapi('MessagePage');

export const ZCreateMessage = z
  .strictObject({
    templateKey: ZTemplateKey,
    ...letterSubjectFields,
    channel: z.enum(['email', 'letter']),
    /** An edited draft; merge fields in it are rendered and re-checked against consent. */
    subject: ZText(letterLimits.subject).pipe(z.string().min(1)).optional(),
    body: ZText(letterLimits.body).pipe(z.string().min(1)).optional(),
    /** The change sending it records; defaults to the template's own (e.g. the thank-you). */
    cause: ZCause.optional(),
    /**
     * "They gave permission": records the referred person's consent to updates on the referral
     * (audited) before the letter is checked (§3.2). Only for a letter about a referral.
     */
    referredPersonConsented: z.literal(true).optional(),
  })
  .openapi('CreateMessage');
export type CreateMessage = z.infer<typeof ZCreateMessage>;

export const ZListMessagesQuery = z.strictObject({
  status: z.enum(messageStatuses).optional(),
  ...pageFields,
});
export type ListMessagesQuery = z.infer<typeof ZListMessagesQuery>;

export const ZSmtpSettings = z
  .object({
    configured: z.boolean(),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    security: ZSmtpSecurity.nullable(),
    username: z.string().nullable(),
    hasPassword: z.boolean(),
    fromEmail: z.string().nullable(),
    fromName: z.string().nullable(),
    /**
     * When a test email last went through with these settings; null until one has. Saving a
     * different host, port, security, user, password or from address clears it.
     */
    verifiedAt: ZTimestamp.nullable(),
  })
  .openapi('SmtpSettings');
export type SmtpSettings = z.infer<typeof ZSmtpSettings>;

export const ZPutSmtp = z
  .strictObject({
    host: ZText(253)
      .pipe(z.string().min(1))
      .refine((h) => /^[A-Za-z0-9.\-:[\]]+$/.test(h), 'must be a host name or IP address'),
    // Refused, never clamped (99999 was once saved as 65535 by the form).
    port: z.number().int().min(1).max(65535),
    security: ZSmtpSecurity,
    username: ZText(limits.email).nullable().optional(),
    /** Omit to keep the stored password; null removes it. Never returned. */
    password: z.string().max(1000).nullable().optional(),
    fromEmail: ZEmail,
    fromName: ZText(limits.name).nullable().optional(),
  })
  .openapi('PutSmtpSettings');
export type PutSmtp = z.infer<typeof ZPutSmtp>;

export const ZSmtpTest = z.strictObject({ to: ZEmail.optional() }).openapi('SmtpTestRequest');
export const ZSmtpTestResult = z
  .object({
    ok: z.boolean(),
    providerId: z.string().optional(),
    /** On success: when the settings were marked verified (null if they changed meanwhile). */
    verifiedAt: ZTimestamp.nullable().optional(),
    /** On failure: one sentence saying what went wrong and what to do. */
    error: z.string().optional(),
    /** On failure: the technical detail (error codes and the raw message). */
    detail: z.string().optional(),
  })
  .openapi('SmtpTestResult');
export type SmtpTestResult = z.infer<typeof ZSmtpTestResult>;
