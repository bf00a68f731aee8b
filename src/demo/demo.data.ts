/** Names and places for the demo practice: a business coach and her network. */
export const demoPractice = {
  name: 'Clear Path Coaching',
  owner: 'Jane Morgan',
  profession: 'coach' as const,
  valueProposition:
    'Jane helps owners of small service businesses double their income without working more hours.',
  keyPhrases: [
    'small business owners',
    'double their income',
    'business coaching',
    'without working more hours',
  ],
  idealClient:
    'Owners of service businesses with 1–20 employees who feel stuck at a revenue plateau.',
  timeZone: 'America/Chicago',
  postalAddress: '214 W Lake St, Suite 300, Chicago, IL 60606',
  bookingUrl: 'https://cal.example/clear-path/first-call',
};

/**
 * The coach's referral partners by category, each with organisations of that kind only, so that
 * a counselling practice is never filed under insurance agents.
 */
export const demoCategoryOrganizations = {
  Accountants: ['Lakeside CPA Group', 'Prairie Tax & Books'],
  Attorneys: ['Morgan & Vance LLP', 'Halsted Business Law'],
  Bankers: ['First Prairie Bank', 'Lakeshore Community Bank'],
  'Business consultants': ['Northstar Advisory', 'Loop Operations Partners'],
  'Career counselors': ['Midway Career Services', 'Next Chapter Careers'],
  'Financial advisers': ['Harbor Wealth Partners', 'Clearwater Financial Planning'],
  'Insurance agents': ['Elm Street Insurance', 'Great Lakes Coverage'],
  'Marketing agencies': ['Brightside Marketing', 'Signal Hill Brand Studio'],
  Printers: ['Loop Print Co.', 'Fulton Market Press'],
  'Web designers': ['Pixel & Pine Studio', 'Wabash Web Works'],
  Therapists: ['Wicker Park Counseling', 'Lincoln Square Therapy'],
  Clergy: ['St. James Parish', 'Temple Beth Shalom'],
} as const satisfies Record<string, readonly string[]>;

export type DemoCategory = keyof typeof demoCategoryOrganizations;
export const demoCategories = Object.keys(demoCategoryOrganizations) as DemoCategory[];

/** Contacts outside the categories: clients and friends from everyday businesses. */
export const otherOrganizations = [
  "Rosa's Bakery",
  'Kim Family Dental',
  'Northside Auto Repair',
  'Bluebird Florist',
  'Andersonville Yoga',
];

export const demoCircles = [
  'Chicago Loop Chamber of Commerce',
  'Rotary Club of Chicago',
  'BNI Lakeshore Chapter',
  'Women in Business Network',
  'Small Business Development Center seminars',
  'ICF Chicago (coaching association)',
];

export const firstNames = [
  'Sarah',
  'Tom',
  'Priya',
  'Marcus',
  'Elena',
  'David',
  'Aisha',
  'Kevin',
  'Grace',
  'Luis',
  'Hannah',
  'Omar',
  'Rachel',
  'Daniel',
  'Mei',
  'Carlos',
  'Olivia',
  'Samuel',
  'Nora',
  'Jamal',
  'Laura',
  'Victor',
  'Chloe',
  'Andre',
  'Fatima',
  'Peter',
  'Ingrid',
  'Raj',
  'Beatriz',
  'Henry',
];

export const lastNames = [
  'Chen',
  'Ruiz',
  'Patel',
  'Johnson',
  'Novak',
  'Kim',
  'Okafor',
  'Brennan',
  'Lee',
  'Garcia',
  'Schmidt',
  'Haddad',
  'Cohen',
  'Murphy',
  'Wong',
  'Silva',
  'Taylor',
  'Adeyemi',
  'Larsen',
  'Price',
];

export const metWhere = [
  'Chamber breakfast',
  'Rotary lunch',
  'BNI meeting',
  'a client workshop',
  'LinkedIn',
  'a SBDC seminar',
  'introduced by a client',
  'a charity gala',
];

/** Every organisation of the demo, for the large generated practice. */
export const organizations: string[] = [
  ...Object.values(demoCategoryOrganizations).flat(),
  ...otherOrganizations,
];
