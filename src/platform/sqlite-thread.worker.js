/**
 * A SQLite connection on a worker thread (sqlite-thread.ts): it runs the statements the main
 * thread sends, one at a time, and answers each with its rows or its error. Plain JavaScript on
 * purpose: a TypeScript file would load Node's type stripper into the thread (about 20 MB), and
 * this thread exists to keep an import's writes off the server's event loop at a small cost.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, pragmas } = workerData;
const db = new Database(file);
for (const pragma of pragmas) db.pragma(pragma);

/** Prepared statements by SQL text, the most recent 100 (an import repeats a handful). */
const cache = new Map();
function prepared(sql) {
  const found = cache.get(sql);
  if (found) return found;
  const statement = db.prepare(sql);
  cache.set(sql, statement);
  if (cache.size > 100) cache.delete(cache.keys().next().value);
  return statement;
}

parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  const { id, sql, parameters } = message;
  try {
    const statement = prepared(sql);
    if (statement.reader) parentPort.postMessage({ id, rows: statement.all(parameters) });
    else {
      const { changes, lastInsertRowid } = statement.run(parameters);
      parentPort.postMessage({ id, rows: [], changes, lastInsertRowid: BigInt(lastInsertRowid) });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
parentPort.postMessage({ ready: true });
