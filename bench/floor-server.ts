import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { postgresFloor } from './floor-postgres.ts';
import { type RecordedQuery, sqliteFloor } from './floor-sqlite.ts';

/**
 * `node bench/floor-server.ts <sqlite|postgres> <file or url> <practice id> <port>`: the raw-SQL
 * floor behind a bare node:http server, so that the app and its floor are compared through the
 * same transport.
 */
const [dialect, target, practiceId, port, queryFile] = process.argv.slice(2);
if (!dialect || !target || !practiceId || !port)
  throw new Error(
    'usage: floor-server <sqlite|postgres> <file|url> <practiceId> <port> [query sets]',
  );
const floor =
  dialect === 'postgres' ? postgresFloor(target, practiceId) : sqliteFloor(target, practiceId);
// Query sets recorded from the app (bench/run.ts captureQuerySets), replayed raw.
const querySets = (queryFile ? JSON.parse(readFileSync(queryFile, 'utf8')) : {}) as Record<
  string,
  RecordedQuery[]
>;

async function readBody(req: import('node:http').IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>;
}

async function answer(
  req: import('node:http').IncomingMessage,
  url: URL,
): Promise<[number, unknown]> {
  const p = url.searchParams;
  if (url.pathname === '/contacts')
    return [200, await floor.listContacts(p.get('stage') ?? '', p.get('categoryId') ?? '', 50)];
  if (url.pathname === '/board') return [200, await floor.board(50)];
  if (url.pathname.startsWith('/replay/')) {
    const name = url.pathname.slice(8);
    const set = querySets[name];
    if (!set) return [404, { error: `no query set ${name}` }];
    return [200, await floor.replay(name, set)];
  }
  if (url.pathname.startsWith('/timeline/'))
    return [200, await floor.timeline(url.pathname.slice(10))];
  if (url.pathname === '/referrals' && req.method === 'POST') {
    const body = await readBody(req);
    return [
      201,
      await floor.createReferral(body.referrerId ?? '', body.referredId ?? '', body.userId ?? ''),
    ];
  }
  if (url.pathname === '/intake' && req.method === 'POST') {
    const body = await readBody(req);
    return [
      201,
      await floor.intake(body.code ?? '', body.name ?? '', body.email ?? '', body.userId ?? ''),
    ];
  }
  return [404, { error: 'no such floor route' }];
}

const server = createServer((req, res) => {
  answer(req, new URL(req.url ?? '/', 'http://floor')).then(
    ([status, body]) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    },
    (error: unknown) => res.writeHead(500).end(String(error)),
  );
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
