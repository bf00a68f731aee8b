/**
 * A worker thread that runs one import (import.worker.ts `runInThread`) on its own
 * connection, off the server's event loop. It builds only what a run needs from the config.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/db.ts';
import { runImport } from './import.worker.ts';

const job = workerData as { config: Config; practiceId: string; importId: string };
const { config } = job;
let stopping = false;
parentPort?.on('message', (message) => {
  if (message === 'stop') stopping = true;
});
const { db, close } = openDatabase(config.database, { waits: config.databaseWaits });
let code = 0;
try {
  await runImport(
    { db, dialect: config.database.dialect, clock: systemClock, config },
    job.practiceId,
    job.importId,
    {
      isStopping: () => stopping,
    },
  );
} catch (error) {
  // runImport records its own failures on the import; this is one before it could.
  if (config.log !== 'silent') console.error(`[vouch] import ${job.importId} thread:`, error);
  code = 1;
} finally {
  await close();
}
// Ends the thread (not the server): the parent port's listener would keep it alive.
process.exit(code);
