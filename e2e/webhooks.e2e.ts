/**
 * Issue 14, webhooks: the owner registers an endpoint in Settings → Webhooks, keeps the secret
 * shown once, and a receiver built on the standardwebhooks library gets a verified, thin
 * delivery when a contact is added; the delivery log says it went.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newPage,
  type RunningServer,
  signUpPractice,
  startServer,
  testOutput,
} from './server.ts';

describe('Webhooks in Settings', () => {
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const received: { headers: Record<string, string>; body: string }[] = [];
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200);
      res.end('ok');
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = await startServer({ VOUCH_WEBHOOKS_ALLOW_PRIVATE: '1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('registers an endpoint, and a contact added reaches the receiver signed and thin', async () => {
    const page = await newPage(browser);
    await signUpPractice(page, server.url, 'webhooks@example.com');
    await page.goto(`${server.url}/settings/webhooks`);
    const section = page.getByRole('region', { name: 'Webhooks' });
    const port = (receiver.address() as AddressInfo).port;
    await section.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${port}/hooks`);
    await section.getByLabel('Description').fill('Our CRM');
    await section.getByRole('button', { name: 'Register endpoint' }).click();
    const secret = (await section.getByLabel('Signing secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await section.getByRole('button', { name: 'I have stored it' }).click();
    await section.getByText('Our CRM').waitFor();
    expect(await section.getByLabel('Signing secret').count()).toBe(0);

    const contact = await page.request.post(`${server.url}/api/v1/contacts`, {
      data: { name: 'Webhook Wendy', email: 'wendy@example.com', notes: 'Private notes' },
    });
    expect(contact.status()).toBe(201);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const [got] = received;
    const payload = new Webhook(secret).verify(got?.body ?? '', got?.headers ?? {}) as {
      type: string;
      data: Record<string, string>;
    };
    expect(payload.type).toBe('contact.created');
    expect(got?.body).not.toMatch(/Wendy|wendy@|Private notes/);

    await section.getByRole('button', { name: 'Deliveries' }).click();
    await section.getByText('delivered').waitFor();
    await page.screenshot({ path: path.join(testOutput, 'webhooks-settings.png'), fullPage: true });
  });
});
