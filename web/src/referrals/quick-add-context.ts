import { createContext, useContext } from 'react';
import type { ContactRef } from '../api/types';

export type QuickAddPrefill = { referrer?: ContactRef; referred?: ContactRef };
export type QuickAdd = { open: (prefill?: QuickAddPrefill) => void };

export const QuickAddContext = createContext<QuickAdd>({ open: () => {} });

/** Opens the quick-add referral modal from anywhere inside the app layout. */
export function useQuickAdd(): QuickAdd {
  return useContext(QuickAddContext);
}
