// `layerlab predict --run RUN_ID (--sample N | --text PROMPT --generate N ...) [--json]`.
import type { CliCommand } from './args';
import { i18n } from '../../shared/i18n/i18n';

export const predictCommand: CliCommand = {
  name: 'predict',
  usage: 'predict --run ID (--sample N | --text TEXT [--generate N])',
  summary: 'use a trained run: the prediction for a test sample, or generated text',
  help: i18n.t('cli:help.predict', { lng: 'en' }),
  async run(args) {
    const { runPredict } = await import('./predict-run');
    return runPredict(args);
  },
};
