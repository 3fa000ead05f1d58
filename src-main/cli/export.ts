// `layerlab export FILE --format tfjs|pytorch|keras|onnx --out DIR [--run RUN_ID]`.
import type { CliCommand } from './args';
import { i18n } from '../../shared/i18n/i18n';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export FILE --format tfjs|pytorch|keras|onnx --out DIR [--run ID]',
  summary: 'write model files (tfjs, ONNX) or runnable PyTorch / Keras code',
  help: i18n.t('cli:help.export', { lng: 'en' }),
  async run(args) {
    const { runExport } = await import('./export-run');
    return runExport(args);
  },
};
