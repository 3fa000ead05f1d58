// Tells the Electron host the interface language (api setLanguage), now and on every switch, so its application
// menu speaks the same language as the page. The opposite direction of View > Language (MenuCommand 'language').
// The web host has no native menu: nothing is sent there.
import type { ApiClient } from '../../../shared/api';
import { i18n, isLang } from '../../../shared/i18n/i18n';

export function reportLanguageToHost(api: Pick<ApiClient, 'setLanguage'>, isElectron: () => boolean): () => void {
  const tell = (lng: string) => {
    if (!isLang(lng) || !isElectron()) return;
    api.setLanguage({ lang: lng }).catch((err: unknown) => console.warn('menu language:', err));
  };
  tell(i18n.language);
  i18n.on('languageChanged', tell);
  return () => i18n.off('languageChanged', tell);
}
