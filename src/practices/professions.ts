/** The professions of PRODUCT.md §7; each picks an ethics profile. */
export const professions = [
  { id: 'counselor', label: 'Counselor / therapist' },
  { id: 'psychologist', label: 'Psychologist' },
  { id: 'health', label: 'Health care (HIPAA)' },
  { id: 'attorney', label: 'Attorney' },
  { id: 'accountant', label: 'Accountant' },
  { id: 'financial_adviser', label: 'Financial adviser' },
  { id: 'real_estate', label: 'Real estate' },
  { id: 'coach', label: 'Coach' },
  { id: 'consultant', label: 'Consultant' },
  { id: 'creative', label: 'Creative (designer, writer, …)' },
  { id: 'other', label: 'Other' },
] as const;

export type Profession = (typeof professions)[number]['id'];

export const professionIds = professions.map((p) => p.id) as [Profession, ...Profession[]];
