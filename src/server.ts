import { serve } from '@hono/node-server';
import { passwordResetsSettled } from './accounts/password-reset.service.ts';
import { createApp } from './app.ts';
import { startImportWorker } from './imports/import.worker.ts';
import { startOutboxWorker } from './outbox/outbox.worker.ts';
import type { Config } from './platform/config.ts';
import { openDeps } from './platform/deps.ts';
import { startWebhookWorker } from './webhooks/webhook.worker.ts';

/** Starts the HTTP server; resolves once it listens. Stops cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config): Promise<{ close: () => Promise<void> }> {
  const deps = await openDeps(config);
  const app = createApp(deps);
  // The outbox worker (§6), the import worker (issue 13) and the webhook worker (issue 14):
  // in-process on SQLite, pg-boss on PostgreSQL; stopped before the database.
  const worker = await startOutboxWorker(deps).catch(async (error: unknown) => {
    await deps.close();
    throw error;
  });
  const imports = await startImportWorker(deps).catch(async (error: unknown) => {
    await worker.close();
    await deps.close();
    throw error;
  });
  const webhooks = await startWebhookWorker(deps).catch(async (error: unknown) => {
    await Promise.all([worker.close(), imports.close()]);
    await deps.close();
    throw error;
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL';
  if (config.log !== 'silent')
    console.log(`Vouch is running at ${config.baseUrl} (database: ${where})`);
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= new Promise<void>((resolve) => server.close(() => resolve()))
      // Reset links being issued after their answers finish first (they queue their email).
      .then(() =>
        Promise.all([
          worker.close(),
          imports.close(),
          webhooks.close(),
          passwordResetsSettled(deps.db),
        ]),
      )
      .then(() => deps.close());
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return { close };
}
