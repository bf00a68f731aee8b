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
};

export const demoCategories = [
  'Accountants',
  'Attorneys',
  'Bankers',
  'Business consultants',
  'Career counselors',
  'Financial advisers',
  'Insurance agents',
  'Marketing agencies',
  'Printers',
  'Web designers',
  'Therapists',
  'Clergy',
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

export const organizations = [
  'Lakeside CPA Group',
  'Morgan & Vance LLP',
  'First Prairie Bank',
  'Northstar Advisory',
  'Harbor Wealth Partners',
  'Elm Street Insurance',
  'Brightside Marketing',
  'Loop Print Co.',
  'Pixel & Pine Studio',
  'Wicker Park Counseling',
  'St. James Parish',
  'Midway Career Services',
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
