import type { Command } from 'commander';
import { exitTwoOnBadUsage, resolvePracticeId, UsageError, type WithDeps } from '../cli-deps.ts';
import { computeAgenda } from './agenda.service.ts';

type AgendaOptions = { practiceId?: string; at?: string; json?: boolean };

/**
 * `vouch agenda`: the agenda of GET /api/v1/agenda, as a table or JSON. Exit 2 on bad usage
 * (a bad --at, an unknown practice), as the other commands.
 */
export function registerAgendaCommand(program: Command, withDeps: WithDeps): void {
  exitTwoOnBadUsage(program.command('agenda'))
    .description("Print the practice's agenda: what to do, for whom, why now")
    .option('--practice-id <id>', 'the practice (default: the only one in the database)')
    .option('--at <instant>', 'compute it for this moment (ISO 8601), default now')
    .option('--json', 'print JSON (the same answer as GET /api/v1/agenda)')
    .action(async (opts: AgendaOptions) => {
      const at = opts.at ? new Date(opts.at) : new Date();
      if (Number.isNaN(at.getTime()))
        throw new UsageError('--at must be an ISO 8601 instant, like 2026-11-25T09:00:00Z.');
      await withDeps(async (deps) => {
        const practiceId = await resolvePracticeId(deps, opts.practiceId);
        const agenda = await computeAgenda(deps, practiceId, at);
        if (opts.json) {
          console.log(JSON.stringify(agenda, null, 2));
          return;
        }
        const { overdue, today, this_week: week, later } = agenda.counts;
        console.log(
          `Agenda at ${agenda.at}: ${overdue} overdue, ${today} today, ${week} this week, ${later} later.`,
        );
        const rows = agenda.items.map((i) => [
          i.urgency.replace('_', ' '),
          i.title,
          i.why,
          i.dueAt ? i.dueAt.slice(0, 16).replace('T', ' ') : '',
        ]);
        const head = ['when', 'what', 'why now', 'due (UTC)'];
        const width = (k: number, max: number) =>
          Math.min(max, Math.max(head[k]?.length ?? 0, ...rows.map((r) => r[k]?.length ?? 0)));
        const widths = [width(0, 9), width(1, 40), width(2, 90), width(3, 16)];
        const cell = (s: string, w: number) =>
          s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w);
        const line = (r: string[]) =>
          r
            .map((s, k) => cell(s, widths[k] ?? 10))
            .join('  ')
            .trimEnd();
        console.log(line(head));
        for (const r of rows) console.log(line(r));
        if (agenda.truncated.length > 0)
          console.log(`More not shown for: ${agenda.truncated.join(', ')}.`);
      });
    });
}
