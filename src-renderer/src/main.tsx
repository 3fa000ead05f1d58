import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../../shared/i18n/i18n';
import { App } from './App';
import { startLanguage } from './store/languageStore';
import { prewarmLayout } from './canvas/layout/elk';

// The first graph is laid out as soon as it is drawn: its layout worker starts loading now, beside the boot.
prewarmLayout();

// Korean's catalogues load before the first render (a few ms from the local host): the first paint is in the
// chosen language, never English flipping to Korean. English renders at once.
void startLanguage().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  ),
);
