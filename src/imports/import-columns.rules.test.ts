import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateOf,
  candidateOfCells,
  detectFormat,
  headerKey,
  importFields,
  mappingProblem,
  type SourcedValue,
  splitLabels,
  suggestMapping,
} from './import-columns.rules.ts';

const googleHeaders = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Phonetic First Name',
  'Name Prefix',
  'Name Suffix',
  'Nickname',
  'File As',
  'Organization Name',
  'Organization Title',
  'Notes',
  'Photo',
  'Labels',
  'E-mail 1 - Label',
  'E-mail 1 - Value',
  'E-mail 2 - Label',
  'E-mail 2 - Value',
  'Phone 1 - Label',
  'Phone 1 - Value',
];
const outlookHeaders = [
  'Title',
  'First Name',
  'Middle Name',
  'Last Name',
  'Suffix',
  'Company',
  'Department',
  'Job Title',
  'Business Fax',
  'Business Phone',
  'Home Phone',
  'Mobile Phone',
  'Pager',
  'Categories',
  'E-mail Address',
  'E-mail Type',
  'E-mail Display Name',
  'E-mail 2 Address',
  'E-mail 2 Type',
  'E-mail 2 Display Name',
  'Notes',
];

describe('detectFormat', () => {
  it('knows the current and the older Google export', () => {
    expect(detectFormat(googleHeaders)).toBe('google');
    expect(
      detectFormat(['Name', 'Given Name', 'Family Name', 'Group Membership', 'E-mail 1 - Type']),
    ).toBe('google');
    // Google leaves out unused columns: a file of names and phones only is still Google's.
    expect(detectFormat(['First Name', 'Last Name', 'Phone 1 - Label', 'Phone 1 - Value'])).toBe(
      'google',
    );
  });

  it("knows Outlook's export, even with its numbered e-mail columns", () => {
    expect(detectFormat(outlookHeaders)).toBe('outlook');
    expect(detectFormat(['First Name', 'Last Name', 'E-mail Address'])).toBe('outlook');
  });

  it('calls anything else a CSV of its own', () => {
    expect(detectFormat(['Name', 'Email', 'Phone'])).toBe('csv');
    expect(detectFormat(['First Name', 'Last Name', 'Email'])).toBe('csv');
    expect(detectFormat([])).toBe('csv');
  });
});

describe('suggestMapping', () => {
  it("maps Google's columns and leaves phonetic names, labels of values and photos out", () => {
    expect(suggestMapping(googleHeaders, 'google')).toEqual([
      'givenName',
      'middleName',
      'familyName',
      'ignore',
      'honorific',
      'suffix',
      'ignore',
      'ignore',
      'organization',
      'ignore',
      'notes',
      'ignore',
      'labels',
      'ignore',
      'email',
      'ignore',
      'email',
      'ignore',
      'phone',
    ]);
    expect(
      suggestMapping(
        ['Name', 'Additional Name', 'Organization 1 - Name', 'Organization 1 - Title'],
        'google',
      ),
    ).toEqual(['name', 'middleName', 'organization', 'ignore']);
  });

  it("maps Outlook's columns: Title is the honorific, faxes, pagers and display names are left out", () => {
    expect(suggestMapping(outlookHeaders, 'outlook')).toEqual([
      'honorific',
      'givenName',
      'middleName',
      'familyName',
      'suffix',
      'organization',
      'ignore',
      'ignore',
      'ignore',
      'phone',
      'phone',
      'phone',
      'ignore',
      'labels',
      'email',
      'ignore',
      'ignore',
      'email',
      'ignore',
      'ignore',
      'notes',
    ]);
  });

  it('maps any other CSV by header names, whatever their case, spaces and punctuation', () => {
    expect(
      suggestMapping(
        [
          'Full name',
          'E-Mail',
          'e_mail_2',
          'Work Email',
          'Cell phone',
          'TEL',
          'Mobile Phone #',
          'Employer',
          'Organisation',
          'Tags',
          'Comments',
          'Surname',
          'Given',
          'Vorname',
          'Prénom',
          'Birthday',
          '',
          'Title',
          'E-mail Display Name',
        ],
        'csv',
      ),
    ).toEqual([
      'name',
      'email',
      'email',
      'email',
      'phone',
      'phone',
      'phone',
      'organization',
      'organization',
      'labels',
      'notes',
      'familyName',
      'givenName',
      'givenName',
      'givenName',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
    ]);
  });

  it('compares headers without case, accents, spaces or punctuation', () => {
    expect(headerKey(' E-mail 1 - Value ')).toBe('email1value');
    expect(headerKey('Prénom')).toBe('prenom');
  });
});

describe('mappingProblem', () => {
  it('accepts a mapping with a column to name or email someone', () => {
    for (const field of ['name', 'givenName', 'familyName', 'organization', 'email'] as const)
      expect(mappingProblem(['ignore', field])).toBeNull();
  });

  it('refuses a mapping with neither (phones and notes alone name nobody)', () => {
    expect(mappingProblem(['phone', 'notes', 'ignore'])).toMatch(
      /no column gives a name or an email/i,
    );
    expect(mappingProblem([])).not.toBeNull();
  });
});

describe('splitLabels', () => {
  it('splits by the separator of each format', () => {
    expect(splitLabels('* myContacts ::: Colleagues ::: Friends', 'google')).toEqual([
      '* myContacts',
      'Colleagues',
      'Friends',
    ]);
    expect(splitLabels('Clients;Golf; ', 'outlook')).toEqual(['Clients', 'Golf']);
    expect(splitLabels('vip, golf;tennis', 'csv')).toEqual(['vip', 'golf', 'tennis']);
  });
});

const v = (field: SourcedValue['field'], value: string, source: string = field): SourcedValue => ({
  field,
  source,
  value,
});

describe('candidateOf', () => {
  it('names a person by the name column first, then the parts, the organization, the email, the phone', () => {
    const name = (values: SourcedValue[]) => {
      const outcome = candidateOf(values);
      return 'candidate' in outcome ? outcome.candidate.name : outcome.problem;
    };
    const parts = [v('honorific', 'Dr.'), v('givenName', 'Alan'), v('middleName', 'J.')];
    const rest = [v('familyName', 'Reyes'), v('suffix', 'PhD'), v('organization', 'Reyes & Co')];
    expect(name([v('name', 'Al Reyes'), ...parts, ...rest])).toBe('Al Reyes');
    expect(name([...parts, ...rest])).toBe('Dr. Alan J. Reyes, PhD');
    expect(name([v('organization', 'Reyes & Co'), v('email', 'al@reyes.example')])).toBe(
      'Reyes & Co',
    );
    expect(name([v('email', 'al@reyes.example'), v('phone', '+1 555 0100')])).toBe(
      'al@reyes.example',
    );
    expect(name([v('phone', '+1 555 0100')])).toBe('+1 555 0100');
    expect(name([v('notes', 'a note'), v('labels', 'Friends')])).toBe(
      'has no name, email or phone',
    );
  });

  it('trims every value, keeps a note’s lines and puts a name on one line', () => {
    const outcome = candidateOf([
      v('givenName', '  Zoë \n'),
      v('familyName', ' Müller'),
      v('notes', '  Line one\r\nLine two  '),
      v('organization', ' Müller\n GmbH '),
    ]);
    expect(outcome).toEqual({
      candidate: {
        name: 'Zoë Müller',
        honorific: null,
        givenName: 'Zoë',
        familyName: 'Müller',
        suffix: null,
        emails: [],
        phones: [],
        organization: 'Müller GmbH',
        notes: 'Line one\nLine two',
        labels: [],
      },
    });
  });

  it('keeps emails and phones in order, without repeats, and splits cells that hold several', () => {
    const outcome = candidateOf([
      v('email', 'ann@example.com ::: ANN@example.com', 'E-mail 1 - Value'),
      v('email', 'ann.b@example.com; ann@Example.com', 'E-mail 2 - Value'),
      v('phone', '+1 555 0100 ::: +1 (555) 0100', 'Phone 1 - Value'),
      v('phone', '+1 555 0199', 'Phone 2 - Value'),
      v('labels', 'Friends'),
      v('labels', 'friends'),
      v('labels', '* myContacts'),
      v('labels', 'Golf'),
    ]);
    expect(outcome).toMatchObject({
      candidate: {
        name: 'ann@example.com',
        emails: ['ann@example.com', 'ann.b@example.com'],
        phones: ['+1 555 0100', '+1 555 0199'],
        labels: ['Friends', 'Golf'],
      },
    });
  });

  it('makes a record with an address that is not one a problem naming the column, not the value', () => {
    expect(candidateOf([v('name', 'Maya'), v('email', 'maya@', 'E-mail 1 - Value')])).toEqual({
      problem: 'E-mail 1 - Value is not an email address',
    });
    // Which of a cell's addresses, when it holds several; one message for a source named twice.
    expect(
      candidateOf([v('name', 'Maya'), v('email', 'maya@a.example ::: maya@', 'E-mail 1 - Value')]),
    ).toEqual({ problem: 'E-mail 1 - Value: address 2 of 2 is not an email address' });
    expect(candidateOf([v('email', 'a@', 'EMAIL'), v('email', 'b@', 'EMAIL')])).toEqual({
      problem: 'EMAIL is not an email address',
    });
  });

  it('refuses values over the API limits, naming the column and the limit, never cutting them', () => {
    const problem = (values: SourcedValue[]) => {
      const outcome = candidateOf(values);
      return 'problem' in outcome ? outcome.problem : null;
    };
    expect(problem([v('name', 'x'.repeat(201), 'Full name')])).toBe(
      'Full name is longer than 200 characters',
    );
    expect(problem([v('name', 'x'.repeat(200))])).toBeNull();
    expect(problem([v('givenName', 'x'.repeat(71), 'First Name')])).toBe(
      'First Name is longer than 70 characters',
    );
    expect(problem([v('honorific', 'x'.repeat(21), 'Title'), v('familyName', 'Reyes')])).toBe(
      'Title is longer than 20 characters',
    );
    expect(problem([v('suffix', 'x'.repeat(31), 'Suffix'), v('familyName', 'Reyes')])).toBe(
      'Suffix is longer than 30 characters',
    );
    expect(problem([v('name', 'A'), v('notes', 'x'.repeat(20_001), 'Notes')])).toBe(
      'Notes is longer than 20000 characters',
    );
    expect(problem([v('name', 'A'), v('organization', 'x'.repeat(201), 'Company')])).toBe(
      'Company is longer than 200 characters',
    );
    expect(problem([v('name', 'A'), v('phone', '1'.repeat(51), 'Phone')])).toBe(
      'Phone is longer than 50 characters',
    );
    expect(problem([v('name', 'A'), v('phone', `+1 555 ::: ${'1'.repeat(51)}`, 'Phone')])).toBe(
      'Phone: phone 2 of 2 is longer than 50 characters',
    );
    expect(problem([v('name', 'A'), v('labels', 'x'.repeat(201), 'Labels')])).toBe(
      'Labels holds a label longer than 200 characters',
    );
    expect(problem([v('name', 'A'), v('email', `${'a'.repeat(250)}@example.com`, 'Email')])).toBe(
      'Email is not an email address',
    );
    expect(
      problem([
        v('givenName', 'x'.repeat(70), 'First'),
        v('middleName', 'y'.repeat(140), 'Middle'),
      ]),
    ).toBe('the name made of First + Middle is longer than 200 characters');
  });

  it('lists every problem of a record', () => {
    expect(candidateOf([v('name', 'x'.repeat(201), 'Name'), v('email', 'nope', 'Email')])).toEqual({
      problem: 'Name is longer than 200 characters; Email is not an email address',
    });
  });

  it('gives every record with an email a candidate named by it, its emails without repeats', () => {
    const email = fc
      .tuple(
        fc.stringMatching(/^[a-z0-9]([a-z0-9_+-]|\.[a-z0-9]){0,15}$/),
        fc.stringMatching(/^[a-z0-9]{1,10}$/),
        fc.constantFrom('com', 'example', 'de'),
      )
      .map(([local, host, tld]) => `${local}@${host}.${tld}`);
    const caseOf = fc.constantFrom(
      (s: string) => s,
      (s: string) => s.toUpperCase(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(email, caseOf), { minLength: 1, maxLength: 6 }), (emails) => {
        const outcome = candidateOf(emails.map(([e, cased]) => v('email', ` ${cased(e)} `)));
        if (!('candidate' in outcome)) return false;
        const distinct = [...new Set(emails.map(([e]) => e))];
        const got = outcome.candidate.emails;
        return (
          got.length === distinct.length &&
          got.every((e, i) => e.toLowerCase() === distinct[i]) &&
          outcome.candidate.name === got[0]
        );
      }),
    );
  });
});

describe('candidateOfCells', () => {
  it('puts each cell where the mapping says, naming columns by their headers', () => {
    const headers = ['Name', 'Mail', '', 'Groups'];
    expect(
      candidateOfCells(
        ['Kim', 'kim@', 'x', 'a;b'],
        headers,
        ['name', 'email', 'ignore', 'labels'],
        'csv',
      ),
    ).toEqual({ problem: 'Mail is not an email address' });
    expect(
      candidateOfCells(
        ['Kim', '', 'not-an-email', 'a; b', 'extra'],
        headers,
        ['name', 'ignore', 'email', 'labels'],
        'csv',
      ),
    ).toEqual({ problem: 'column 3 is not an email address' });
    expect(
      candidateOfCells(['Kim'], headers, ['name', 'email', 'ignore', 'labels'], 'csv'),
    ).toMatchObject({
      candidate: { name: 'Kim', emails: [], labels: [] },
    });
  });

  it("never puts a cell's text in a problem: it is kept after the person is erased (§3.2)", () => {
    // Every value starts with §, which no header and no message holds: a problem that quotes
    // any value, or a piece or the start of one, holds a §.
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'ab@.+ x1-_é'.split('')), maxLength: 30 }),
      fc.constantFrom(51, 71, 201, 255, 20_001).map((n) => 'y'.repeat(n)),
    );
    const cell = fc.array(piece, { minLength: 1, maxLength: 3 }).map((pieces) => ({
      pieces: pieces.map((text) => `§${text}`),
      text: pieces.map((text) => `§${text}`).join(' ::: '),
    }));
    const column = fc.tuple(fc.constantFrom(...importFields), cell);
    let problems = 0;
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 6 }), (columns) => {
        const outcome = candidateOfCells(
          columns.map(([, c]) => c.text),
          columns.map((_, i) => `Column ${i + 1}`),
          columns.map(([field]) => field),
          'csv',
        );
        if (!('problem' in outcome)) return true;
        problems++;
        return (
          !outcome.problem.includes('§') &&
          columns.every(([, c]) => c.pieces.every((p) => !outcome.problem.includes(p)))
        );
      }),
      { numRuns: 300 },
    );
    expect(problems).toBeGreaterThan(100);
  });
});
