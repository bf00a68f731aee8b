/**
 * The export benchmark (issue 13): the large practice's full export (GET /export, a zip of
 * every entity as JSON and CSV) streamed to nowhere, while the server's resident memory is
 * sampled. There is no raw-SQL floor for a zip of everything: the row says how long it took,
 * how big it was, how far the server's memory rose above where it stood before, and how long
 * the 50-contact page took meanwhile.
 */
import { readFileSync } from 'node:fs';

function residentMb(pid: number): number {
  const status = readStatus(pid);
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

function readStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * One table row: the export's time, size, the server's memory before and at its peak, and the
 * 50-contact page's latency during the export.
 */
export async function benchExport(
  appUrl: string,
  token: string,
  pid: number,
  dialect: string,
): Promise<string[]> {
  const before = residentMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentMb(pid));
  }, 50);
  // The 50-contact page, read again and again while the export runs: the server keeps answering.
  const pageMs: number[] = [];
  let isExporting = true;
  const reader = (async () => {
    while (isExporting) {
      const at = performance.now();
      const page = await fetch(`${appUrl}/contacts?limit=50`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await page.arrayBuffer();
      pageMs.push(performance.now() - at);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  let bytes = 0;
  try {
    const res = await fetch(`${appUrl}/export`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status}`);
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  } finally {
    clearInterval(sampler);
    isExporting = false;
  }
  const ms = performance.now() - started;
  await reader;
  pageMs.sort((a, b) => a - b);
  const at = (q: number) => (pageMs[Math.floor((pageMs.length - 1) * q)] ?? Number.NaN).toFixed(0);
  return [
    `export the large practice [${dialect}] (${(bytes / 1e6).toFixed(1)} MB zip)`,
    ms.toFixed(0),
    `${((bytes / 1e6 / ms) * 1000).toFixed(1)} MB/s`,
    '',
    '',
    '',
    `RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (≤ 200); 50 contacts meanwhile: ` +
      `median ${at(0.5)}, p95 ${at(0.95)} ms`,
  ];
}
