import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { exitTwoOnBadUsage, UsageError, type WithDeps } from '../cli-deps.ts';
import { passwordLimits } from '../platform/auth.ts';
import { AppError } from '../platform/errors.ts';
import { resetPasswordOnServer } from './password-reset.service.ts';

/** Reads a password typed at the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new UsageError('Cancelled; nothing was changed.'));
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of standard input, for scripts: `printf '%s\n' "$PASSWORD" | vouch …`. */
async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** --password, else typed twice at a terminal, else the first line of standard input. */
async function newPasswordFrom(option: string | undefined): Promise<string> {
  if (option !== undefined) return option;
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden('New password: ');
  const again = await promptHidden('The same again: ');
  if (first !== again) throw new UsageError('The two passwords differ; nothing was changed.');
  return first;
}

/**
 * `vouch user reset-password --email E`: on the server, for a practice that cannot email a
 * reset link (no SMTP). Exit 0 when reset, 2 on bad input (unknown email, a password the
 * sign-up rules refuse), 1 when it failed while working.
 */
export function registerResetPasswordCommand(user: Command, withDeps: WithDeps): void {
  exitTwoOnBadUsage(user.command('reset-password'))
    .description(
      "Set a user's password on the server (when their practice cannot email a reset link); ends their sessions",
    )
    .requiredOption('--email <email>', 'sign-in email of the user')
    .option(
      '--password <password>',
      `the new password, ${passwordLimits.min} to ${passwordLimits.max} characters (default: asked for, or read from standard input)`,
    )
    .action(async (opts: { email: string; password?: string }) => {
      const password = await newPasswordFrom(opts.password);
      if (password.length < passwordLimits.min || password.length > passwordLimits.max)
        throw new UsageError(
          `The password must be ${passwordLimits.min} to ${passwordLimits.max} characters.`,
        );
      await withDeps(async (deps) => {
        try {
          const { sessionsEnded } = await resetPasswordOnServer(deps, {
            email: opts.email,
            password,
          });
          console.log(
            `The password of ${opts.email} is reset; ${sessionsEnded} session(s) ended. They sign in with the new password.`,
          );
        } catch (error) {
          // Refused input changed nothing: bad usage, like the other commands.
          if (
            error instanceof AppError &&
            error.code !== 'unavailable' &&
            error.code !== 'internal'
          )
            throw new UsageError(error.message);
          throw error;
        }
      });
    });
}
