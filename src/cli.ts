#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { createUser } from './accounts/account.service.ts';
import { registerResetPasswordCommand } from './accounts/password-reset.cli.ts';
import { registerAgendaCommand } from './agenda/agenda.cli.ts';
import { verifyAuditChains } from './audit/audit.service.ts';
import { registerBackupCommands } from './backup/backup.cli.ts';
import { UsageError, withDeps } from './cli-deps.ts';
import { loadDemo } from './demo/demo.service.ts';
import { generateLargePractice } from './demo/large-practice.ts';
import { registerExportCommands } from './exports/export.cli.ts';
import { registerImportCommand } from './imports/import.cli.ts';
import { loadConfig, urlAt } from './platform/config.ts';
import { AppError } from './platform/errors.ts';
import { startServer } from './server.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InvalidArgumentError('Use a port number between 1 and 65535.');
  return port;
}

/** The web app's sign-in page under the configured base URL (VOUCH_BASE_URL, or the port's). */
function signInUrl(baseUrl: string): string {
  return urlAt(baseUrl, '/sign-in');
}

const program = new Command()
  .name('vouch')
  .description('Vouch — the referral engine for professional practices')
  .showHelpAfterError();

program
  .command('serve')
  .description(
    'Serve the web app and the API (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)',
  )
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', parsePort)
  .action(async (opts: { port?: number }) => {
    await startServer(loadConfig(process.env, opts.port ? { port: opts.port } : {}));
  });

program
  .command('db:migrate')
  .description('Create or update the database tables (also done on every start)')
  .action(async () => {
    await withDeps(async () => {
      console.log('The database is up to date.');
    });
  });

program
  .command('demo')
  .description('Create a demo practice with a realistic network and print how to sign in')
  .option('--email <email>', 'email of the demo owner', 'demo@vouch.example')
  .option('--password <password>', 'password of the demo owner', 'open house walkthrough')
  .option(
    '-p, --port <port>',
    'the port `vouch serve` listens on, for the address printed (default: PORT or 3000; VOUCH_BASE_URL wins)',
    parsePort,
  )
  .option('--contacts <n>', 'size of the network (referrals about half of it)', '300')
  .action(async (opts: { email: string; password: string; port?: number; contacts: string }) => {
    const size = Number(opts.contacts);
    if (!Number.isInteger(size) || size < 12 || size > 5000)
      throw new InvalidArgumentError('--contacts must be a whole number from 12 to 5,000.');
    const config = loadConfig(process.env, opts.port ? { port: opts.port } : {});
    await withDeps(async (deps) => {
      const result = await loadDemo(deps, opts, size);
      console.log(
        `Demo practice "${result.practiceName}": ${result.contacts} contacts, ${result.referrals} referrals received, ` +
          `${result.given} given, ${result.interactions} touches.`,
      );
      console.log(
        `Sign in at ${signInUrl(deps.config.baseUrl)} with ${opts.email} / ${opts.password}`,
      );
    }, config);
  });

program
  .command('generate')
  .description('Generate a large deterministic practice for scale tests and benchmarks')
  .option('--contacts <n>', 'contacts (referrals ×3, interactions ×5, given ×½)', '20000')
  .option('--seed <n>', 'seed of the generator', '1')
  .option('--email <email>', 'email of its owner', 'large@vouch.example')
  .option('--password <password>', 'password of its owner', 'many contacts walkthrough')
  .action(async (opts: { contacts: string; seed: string; email: string; password: string }) => {
    const contacts = Number(opts.contacts);
    const seed = Number(opts.seed);
    if (!Number.isInteger(contacts) || contacts < 10 || contacts > 1_000_000)
      throw new InvalidArgumentError('--contacts must be a whole number from 10 to 1,000,000.');
    if (!Number.isInteger(seed)) throw new InvalidArgumentError('--seed must be a whole number.');
    await withDeps(async (deps) => {
      const started = Date.now();
      const stats = await generateLargePractice(deps, {
        contacts,
        seed,
        email: opts.email,
        password: opts.password,
      });
      console.log(
        `Generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stats.contacts} contacts, ` +
          `${stats.referrals} referrals, ${stats.given} given, ${stats.interactions} interactions, ` +
          `${stats.categories} categories, ${stats.circles} circles.`,
      );
      console.log(`Sign in with ${opts.email} / ${opts.password}`);
    });
  });

registerAgendaCommand(program, withDeps);
registerImportCommand(program, withDeps);

const user = program.command('user').description('Manage users');
user
  .command('create')
  .description('Create a user: the owner of a new practice, or a member of an existing one')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--password <password>', 'password, 8 to 128 characters')
  .option('--practice-name <name>', 'create a new practice with this name, owned by the user')
  .option('--practice-id <id>', 'add the user to this existing practice')
  .option('--role <role>', 'owner or member (with --practice-id)', 'member')
  .action(
    async (opts: {
      email: string;
      name: string;
      password: string;
      practiceName?: string;
      practiceId?: string;
      role: string;
    }) => {
      if (!opts.practiceName === !opts.practiceId)
        throw new InvalidArgumentError('Give exactly one of --practice-name or --practice-id.');
      if (opts.role !== 'owner' && opts.role !== 'member')
        throw new InvalidArgumentError('--role must be owner or member.');
      if (opts.password.length < 8 || opts.password.length > 128)
        throw new InvalidArgumentError('--password must be 8 to 128 characters.');
      const role = opts.role;
      await withDeps(async (deps) => {
        const base = { email: opts.email, name: opts.name, password: opts.password };
        const created = opts.practiceName
          ? await createUser(deps, { ...base, practiceName: opts.practiceName })
          : await createUser(deps, { ...base, practiceId: opts.practiceId ?? '', role });
        console.log(`User ${opts.email} created in practice ${created.practiceId}.`);
      });
    },
  );

registerResetPasswordCommand(user, withDeps);

const audit = program.command('audit').description('The audit log');
audit
  .command('verify')
  .description("Check each practice's audit hash chain; exit 1 at the first broken link")
  .option('--practice-id <id>', 'check this practice only')
  .action(async (opts: { practiceId?: string }) => {
    await withDeps(async (deps) => {
      const report = await verifyAuditChains(deps, { practiceId: opts.practiceId });
      if (!report.broken) {
        console.log(
          `OK: ${report.links} audit entries in ${report.practices} practice chain(s) verified.`,
        );
        return;
      }
      const { practiceId, seq, id, problem } = report.broken;
      const where = seq === null ? 'at the end of its chain' : `at seq ${seq} (id ${id})`;
      console.log(`BROKEN: practice ${practiceId}, ${where}: ${problem}.`);
      process.exitCode = 1;
    });
  });

registerExportCommands(program, withDeps);
registerBackupCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) console.error(`vouch: ${error.message}`);
  else if (error instanceof Error) console.error(`vouch: ${error.message}`);
  else console.error('vouch: failed', error);
  // 2: bad usage or a bad file (nothing was done); 1: a failure while working.
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
