// Components that show `lessons` texts (shared/i18n/lessons.ts) re-render when the language changes through
// this hook, and pass its language to the helpers.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldNotes } from '../../../shared/i18n/lessons';

export function useLessonsLanguage(): string | undefined {
  return useTranslation('lessons').i18n?.language;
}

/** The one-line notes under the smaller training fields, in the current language. */
export function useFieldNotes(): ReturnType<typeof fieldNotes> {
  const lng = useLessonsLanguage();
  return useMemo(() => fieldNotes(lng), [lng]);
}
