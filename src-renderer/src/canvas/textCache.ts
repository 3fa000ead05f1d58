// The canvas's translated titles, made once per language and text. i18next's t() builds fresh regular
// expressions to interpolate on every call, and a 300-node canvas asked it about 3,600 times per render
// (handle, parameter and shape titles): a tenth of the time from opening a large file to seeing it.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const texts = new Map<string, string>();

/** `make()` (a t() call), remembered under `key` in the current language once the catalogue has loaded. */
export function useCachedText(): (key: string, make: () => string) => string {
  const { i18n, ready } = useTranslation(['editor']);
  const lng = i18n.language;
  return useCallback(
    (key: string, make: () => string) => {
      // Until the catalogue is there, t() answers with fallbacks that must not be kept.
      if (!ready) return make();
      const k = `${lng}\u0000${key}`;
      let text = texts.get(k);
      if (text === undefined) {
        if (texts.size > 10_000) texts.clear();
        text = make();
        texts.set(k, text);
      }
      return text;
    },
    [lng, ready],
  );
}
