import { Webhook } from 'standardwebhooks';
import { queueTeamNotice } from '../outbox/message.service.ts';
import { wakeOutbox } from '../outbox/outbox.worker.ts';
import { decryptSecret } from '../outbox/secret-box.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import { toTimestamp } from '../platform/clock.ts';
import { urlAt } from '../platform/config.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { startJobQueue } from '../platform/job-queue.ts';
import { startPollLoop } from '../platform/poll-loop.ts';
import {
  claimDelivery,
  deleteEventsWithoutDeliveries,
  findClaimedDelivery,
  finishDelivery,
  listDueDeliveries,
  markEndpointFailing,
  markEndpointHealthy,
  pauseEndpointRow,
  pruneFinishedDeliveries,
  releaseExpiredClaims,
} from './webhook.repository.ts';
import {
  isDueForPause,
  isSuccessStatus,
  logRetentionMs,
  nextAttemptAfter,
} from './webhook.rules.ts';
import { secretPurpose } from './webhook.service.ts';
import { postWebhook, type Resolver } from './webhook-send.ts';

/** How long a claimed delivery stays `sending` before another worker may try it again. */
const leaseMs = 2 * 60_000;
const queueName = 'webhook.deliver';
/** Attempts made at once by the in-process worker (SQLite). */
const parallel = 4;

export type WebhookOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';
export type DeliverOptions = { resolve?: Resolver };

/**
 * One attempt at one delivery (Standard Webhooks): claim it (pending → sending, a conditional
 * UPDATE, so two workers never make the same attempt), sign the stored payload with the
 * endpoint's secret under the event's id and this attempt's time, POST it, then record the
 * answer: delivered on a 2xx, else pending with backoff for up to a day, then failed. An
 * endpoint failing for three days is paused and its owners are told.
 */
export async function deliverWebhook(
  deps: Deps,
  clock: Clock,
  practiceId: string,
  id: string,
  options: DeliverOptions = {},
): Promise<WebhookOutcome> {
  const now = clock.now();
  const claimed = await claimDelivery(
    deps.db,
    practiceId,
    id,
    toTimestamp(now),
    toTimestamp(new Date(now.getTime() + leaseMs)),
  );
  if (!claimed) return 'skipped';
  const row = await findClaimedDelivery(deps.db, practiceId, id);
  if (!row) return 'skipped';
  if (row.paused_at !== null) {
    // Paused after this job was queued: it waits, as if never claimed, until resumed.
    await finishDelivery(deps.db, practiceId, id, {
      status: 'pending',
      attempts: Math.max(0, Number(row.attempts) - 1),
      next_attempt_at: toTimestamp(now),
    });
    return 'skipped';
  }
  const secret = decryptSecret(deps.config.secret, secretPurpose, row.secret_sealed);
  if (secret === null) {
    await finishDelivery(deps.db, practiceId, id, {
      status: 'failed',
      next_attempt_at: null,
      last_error:
        "The endpoint's secret cannot be read with this server's VOUCH_SECRET; remove the endpoint and register it again.",
    });
    return 'failed';
  }
  const signature = new Webhook(secret).sign(row.event_id, now, row.payload);
  const outcome = await postWebhook({
    url: row.url,
    body: row.payload,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Vouch-Webhooks/1',
      'webhook-id': row.event_id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
    allowPrivate: deps.config.webhooksAllowPrivate,
    resolve: options.resolve,
  });
  const answered = {
    last_status_code: outcome.statusCode,
    last_duration_ms: outcome.durationMs,
    response_excerpt: outcome.excerpt,
  };
  if (
    outcome.statusCode !== null &&
    outcome.error === null &&
    isSuccessStatus(outcome.statusCode)
  ) {
    await finishDelivery(deps.db, practiceId, id, {
      ...answered,
      status: 'delivered',
      delivered_at: toTimestamp(clock.now()),
      next_attempt_at: null,
      last_error: null,
    });
    await markEndpointHealthy(deps.db, practiceId, row.endpoint_id);
    return 'delivered';
  }
  const error = outcome.error ?? `Answered ${outcome.statusCode}: anything but a 2xx is retried.`;
  const next = nextAttemptAfter(Number(row.attempts), now, row.retry_until);
  await finishDelivery(deps.db, practiceId, id, {
    ...answered,
    status: next ? 'pending' : 'failed',
    next_attempt_at: next ? toTimestamp(next) : null,
    last_error: next ? error.slice(0, 1000) : `Gave up after a day: ${error}`.slice(0, 1000),
  });
  const endpoint = await markEndpointFailing(
    deps.db,
    practiceId,
    row.endpoint_id,
    toTimestamp(now),
  );
  if (endpoint && endpoint.paused_at === null && isDueForPause(endpoint.failing_since, now))
    await pauseFailingEndpoint(deps, clock, practiceId, row.endpoint_id);
  return next ? 'retry' : 'failed';
}

/** Pauses an endpoint failing for three days, audited, its owners told by email (§9). */
async function pauseFailingEndpoint(
  deps: Deps,
  clock: Clock,
  practiceId: string,
  endpointId: string,
): Promise<void> {
  const now = toTimestamp(clock.now());
  const told = await inTransaction(deps.db, async (trx) => {
    if (!(await pauseEndpointRow(trx, practiceId, endpointId, now))) return 0;
    await recordAudit(trx, clock, {
      practiceId,
      userId: null,
      action: 'webhook_endpoint.paused',
      subjectType: 'webhook_endpoint',
      subjectId: endpointId,
      detail: { reason: 'failing for three days' },
    });
    return queueTeamNotice(trx, practiceId, now, {
      templateKey: 'webhook_paused',
      subject: 'A webhook endpoint was paused',
      body:
        'Deliveries to one of your webhook endpoints have failed for three days, so Vouch ' +
        'has paused it: new events are not sent to it. Check the receiving system, then ' +
        `resume it in Settings → Webhooks: ${urlAt(deps.config.baseUrl, '/settings')}\n`,
      subjectType: 'webhook_endpoint',
      subjectId: endpointId,
      ownersOnly: true,
    });
  });
  if (told > 0) wakeOutbox(deps.db);
}

export type WebhookWorker = {
  /** Runs one pass now (SQLite: delivers what is due; PostgreSQL: enqueues it). */
  drain: () => Promise<void>;
  /** Stops the loop (and pg-boss) and waits for the attempt in flight. */
  close: () => Promise<void>;
};

export type WebhookWorkerOptions = DeliverOptions & {
  clock?: Clock;
  pollMs?: number;
  batch?: number;
};

/**
 * The webhook worker, on the outbox's pattern. SQLite: an in-process loop. PostgreSQL: pg-boss
 * jobs (`webhook.deliver`, one per delivery, singleton key = delivery id) so several servers
 * share the work; the loop only enqueues what is due, and the claim keeps attempts single.
 */
export async function startWebhookWorker(
  deps: Deps,
  options: WebhookWorkerOptions = {},
): Promise<WebhookWorker> {
  const clock = options.clock ?? deps.clock;
  const pollMs = options.pollMs ?? 5_000;
  const batch = options.batch ?? 20;
  const deliverOptions: DeliverOptions = { resolve: options.resolve };
  let boss = await startJobQueue(deps, 'webhook', 4);
  if (boss) {
    await boss.createQueue(queueName, { policy: 'stately', retryLimit: 0 }).catch(() => {});
    await boss.work<{ practiceId: string; id: string }>(
      queueName,
      {
        pollingIntervalSeconds: Math.max(0.5, pollMs / 1000),
        batchSize: 1,
        localConcurrency: parallel,
      },
      async ([job]) => {
        if (job)
          await deliverWebhook(deps, clock, job.data.practiceId, job.data.id, deliverOptions);
      },
    );
  }

  let stopped = false;
  let prunedAt = 0;
  const pass = async () => {
    const nowDate = clock.now();
    const now = toTimestamp(nowDate);
    await releaseExpiredClaims(deps.db, now);
    // Once an hour per server: the log keeps 30 days (a no-op for the other servers' turns).
    if (nowDate.getTime() - prunedAt >= 60 * 60_000) {
      prunedAt = nowDate.getTime();
      const before = toTimestamp(new Date(nowDate.getTime() - logRetentionMs));
      if ((await pruneFinishedDeliveries(deps.db, before)) > 0)
        await deleteEventsWithoutDeliveries(deps.db);
    }
    const due = await listDueDeliveries(deps.db, now, batch);
    if (boss) {
      for (const d of due)
        await boss.send(
          queueName,
          { practiceId: d.practice_id, id: d.id },
          { singletonKey: d.id, retryLimit: 0 },
        );
      return;
    }
    // A few at a time: one receiver that takes its full 10 s must not hold up the others.
    for (let i = 0; i < due.length && !stopped; i += parallel)
      await Promise.all(
        due
          .slice(i, i + parallel)
          .map((d) => deliverWebhook(deps, clock, d.practice_id, d.id, deliverOptions)),
      );
  };
  const loop = startPollLoop(pass, {
    pollMs,
    onError: (error) => {
      if (deps.config.log !== 'silent') console.error('[vouch] webhooks:', error);
    },
  });

  return {
    drain: loop.drain,
    close: async () => {
      stopped = true;
      await loop.stop();
      if (boss) await boss.stop({ graceful: true, timeout: 5_000 });
      boss = null;
    },
  };
}
