// Shapes of the Vouch REST API v1, mirroring docs/API.md.

export const PROFESSIONS = [
  'counselor',
  'psychologist',
  'health',
  'attorney',
  'accountant',
  'financial_adviser',
  'real_estate',
  'coach',
  'consultant',
  'creative',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const STAGES = ['met', 'knows', 'likes', 'trusts', 'refers'] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = [
  'client',
  'former_client',
  'prospect',
  'colleague',
  'partner',
  'friend',
] as const;
export type Role = (typeof ROLES)[number];

export type User = { id: string; name: string; email: string };
export type MemberRole = 'owner' | 'member';

export type Settings = {
  responseWindowHours: number;
  thankWithinHours: number;
  askWindowDays: number;
  askCooldownDays: number;
  commitmentReminderDays: number;
  commitmentMaxReminders: number;
  quietSourceDays: number;
  giveBackThreshold: number;
  checkInDays: number;
  defaultConversionPercent: number;
  conversionMinClosed: number;
  mostWantedTarget: number;
  surveyMaxPeople: number;
  alignmentThresholdPercent: number;
  keepInTouchTrustsDays: number;
  keepInTouchPartnerDays: number;
  nominalGiftMinor: number;
  currency: string;
};
export type SettingKey = keyof Settings;

export type SettingMeta = {
  key: SettingKey;
  label: string;
  meaning: string;
  unit: string;
  min?: number;
  max?: number;
  default: number | string;
};

export type SettingsResponse = { values: Settings; meta: SettingMeta[] };

export type Practice = {
  id: string;
  name: string;
  profession: Profession;
  valueProposition: string;
  keyPhrases: string[];
  idealClient: string;
  timeZone: string;
  postalAddress: string;
  isSetUp: boolean;
  settings: Settings;
  createdAt: string;
  updatedAt: string;
};

export type PracticeUpdate = Partial<
  Pick<
    Practice,
    | 'name'
    | 'profession'
    | 'valueProposition'
    | 'keyPhrases'
    | 'idealClient'
    | 'timeZone'
    | 'postalAddress'
  >
> & { markSetUp?: true };

export type Me = { user: User; practice: Practice; role: MemberRole };
export type AuthResult = { user: User; practice: Practice };

export type SignUpInput = { practiceName: string; name: string; email: string; password: string };
export type SignInInput = { email: string; password: string };

export type ProfessionOption = { id: Profession; label: string };

export type Category = { id: string; name: string; createdAt: string };
export type Circle = { id: string; name: string; createdAt: string };

export type StageChange = {
  id: string;
  fromStage: Stage | null;
  toStage: Stage;
  changedAt: string;
  changedBy: { id: string; name: string } | null;
};

export type Contact = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  organization: string | null;
  category: Category | null;
  roles: Role[];
  stage: Stage;
  circles: Circle[];
  metWhere: string | null;
  metHow: string | null;
  emailConsent: boolean;
  doNotAsk: boolean;
  notes: string | null;
  lastTouchAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ContactDetail = Contact & { stageHistory: StageChange[] };

/** Body of POST /contacts; PATCH takes any of these, with `null` clearing an optional field. */
export type ContactInput = {
  name: string;
  email?: string | null;
  phone?: string | null;
  organization?: string | null;
  categoryId?: string | null;
  roles?: Role[];
  stage?: Stage;
  circleIds?: string[];
  metWhere?: string | null;
  metHow?: string | null;
  emailConsent?: boolean;
  doNotAsk?: boolean;
  notes?: string | null;
};

export const CONTACT_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'stage',
  '-stage',
] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export type ContactQuery = {
  q?: string;
  role?: Role;
  stage?: Stage;
  categoryId?: string;
  circleId?: string;
  sort?: ContactSort;
  limit?: number;
  cursor?: string;
};

export type Page<T> = { items: T[]; nextCursor: string | null };
export type ItemList<T> = { items: T[] };

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
export type CreatedApiToken = ApiToken & { token: string };
