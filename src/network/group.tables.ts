import type { CircleKind } from './circle.schemas.ts';

/**
 * Categories and circles share their columns (see group.repository.ts).
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    category: CategoryTable;
    circle: CircleTable;
  }
}

type GroupColumns = {
  practice_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: string;
};

export type CategoryTable = GroupColumns & {
  /** 1..10 when on the most-wanted list, else null. */
  most_wanted_rank: number | null;
  /** Relationships wanted; null takes the practice's default. */
  target: number | null;
};

export type CircleTable = GroupColumns & { kind: CircleKind | null; notes: string | null };
