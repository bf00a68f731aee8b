import { createServer } from 'node:http';
import { sqliteFloor } from './floor-sqlite.ts';

/**
 * `node bench/floor-server.ts <sqlite file> <practice id> <port>`: the raw-SQL floor behind a
 * bare node:http server, so that the app and its floor are compared through the same transport.
 */
const [file, practiceId, port] = process.argv.slice(2);
if (!file || !practiceId || !port)
  throw new Error('usage: floor-server <file> <practiceId> <port>');
const floor = sqliteFloor(file, practiceId);

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  const send = (body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  try {
    if (url.pathname === '/contacts')
      return send(
        floor.listContacts(
          url.searchParams.get('stage') ?? '',
          url.searchParams.get('categoryId') ?? '',
          50,
        ),
      );
    if (url.pathname === '/board') return send(floor.board(50));
    if (url.pathname.startsWith('/timeline/')) return send(floor.timeline(url.pathname.slice(10)));
    if (url.pathname === '/referrals' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          referrerId: string;
          referredId: string;
          userId: string;
        };
        const created = floor.createReferral(body.referrerId, body.referredId, body.userId);
        const text = JSON.stringify(created);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(text);
      });
      return;
    }
    res.writeHead(404).end();
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
