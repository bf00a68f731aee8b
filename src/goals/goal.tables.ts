import type { Flag } from '../platform/schema.ts';

/**
 * Yearly goals and the celebrations of their thresholds.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    goal: GoalTable;
    celebration: CelebrationTable;
    celebration_seen: CelebrationSeenTable;
  }
}

export type GoalTable = {
  practice_id: string;
  year: number;
  target_clients: number;
  email_team: Flag;
  updated_by: string | null;
  updated_at: string;
};

export type CelebrationTable = {
  practice_id: string;
  year: number;
  threshold: number;
  reached_at: string;
};

export type CelebrationSeenTable = {
  practice_id: string;
  year: number;
  threshold: number;
  user_id: string;
  seen_at: string;
};
