// `layerlab datasets`: the datasets the app knows, whether each is on this computer, its size and where it is;
// `layerlab datasets download ID` fetches one with a progress bar (redrawn in place on a terminal, a line per
// tenth otherwise); `layerlab datasets remove ID` deletes a downloaded one.
import { i18n } from '../../shared/i18n/i18n';
import path from 'node:path';
import { formatBytes, progressText, type DatasetDownloadProgress, type DatasetStatus, type DownloadableDataset } from '../../shared/data/downloads';
import { DatasetFiles } from '../data/dataset-files';
import { resolveDataDir } from '../files/data-dir';
import { ApiError } from '../../shared/api';
import { CliError, parseArgs, type CliCommand } from './args';

export interface DatasetsIo {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where downloads go (default <LAYERLAB_HOME or ~/.layerlab>/cache, as for the app). */
  cacheDir?: string;
  /** Tests point the sets at a loopback server. */
  sets?: (id: string) => DownloadableDataset | undefined;
}

const BAR = 30;

/** One progress line: a bar, then bytes, percent, rate and time left. */
export function progressLine(p: DatasetDownloadProgress): string {
  const filled = p.total > 0 ? Math.round((BAR * p.received) / p.total) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${progressText(p)}`;
}

function statusRow(s: DatasetStatus): string {
  const state = s.kind === 'bundled' || s.kind === 'generated' ? 'built in'
    : s.kind === 'user' && !s.location ? 'needs a path'
      : s.present ? (s.verified ? 'on disk, verified' : 'on disk') : s.kind === 'download' ? 'not downloaded' : 'missing';
  const size = s.kind === 'download' ? formatBytes(s.present ? s.bytes : (s.downloadBytes ?? 0)) : s.bytes > 0 ? formatBytes(s.bytes) : '';
  return `  ${s.id.padEnd(20)} ${s.kind.padEnd(9)} ${state.padEnd(18)} ${size.padStart(8)}  ${s.location ?? (s.note ?? '')}`;
}

export async function runDatasets(args: string[], io: DatasetsIo): Promise<number> {
  const { positionals, options } = parseArgs(args, { json: { type: 'flag' }, quiet: { type: 'flag' } });
  const cacheDir = io.cacheDir ?? path.join(resolveDataDir(), 'cache');
  const files = new DatasetFiles({ cacheDir, notAllowed: () => null, ...(io.sets ? { sets: io.sets } : {}) });
  const write = (s: string) => io.out.write(s);
  const [action, id, ...extra] = positionals;
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(' ')}`);
  try {
    if (!action || action === 'list') {
      const all = await files.status([]);
      if (options.json) write(`${JSON.stringify(all, null, 2)}\n`);
      else write(['Datasets (downloads go to ' + cacheDir + '):', ...all.map(statusRow), ''].join('\n'));
      return 0;
    }
    if (!id) throw new CliError(`${action} needs a dataset id, e.g. \`layerlab datasets ${action} cifar10\``);
    if (action === 'download') {
      const tty = !!io.out.isTTY;
      let lastTenth = -1;
      const stop = files.onProgress((p) => {
        if (options.quiet) return;
        if (tty) write(`\r${progressLine(p)}\x1b[K`);
        else {
          const tenth = p.total > 0 ? Math.floor((10 * p.received) / p.total) : 0;
          if (tenth !== lastTenth) write(`${progressLine(p)}\n`);
          lastTenth = tenth;
        }
      });
      try {
        const result = await files.download(id);
        if (tty && !options.quiet) write('\n');
        if (result.cancelled) return 1;
        write(`${result.status.name}: ${formatBytes(result.status.bytes)} in ${result.status.location}, checksums verified.\n`);
        return 0;
      } finally {
        stop();
      }
    }
    if (action === 'remove') {
      const s = await files.remove(id);
      write(`${s.name} removed from ${s.location}.\n`);
      return 0;
    }
    throw new CliError(`unknown action '${action}': use list, download ID or remove ID`);
  } catch (err) {
    if (err instanceof ApiError) throw new CliError(err.message.replace(/^\w+: /, ''), err.code === 'invalid' ? 2 : 1);
    throw err;
  } finally {
    files.dispose();
  }
}

export const datasetsCommand: CliCommand = {
  name: 'datasets',
  usage: 'datasets [list | download ID | remove ID] [--json]',
  summary: 'list the datasets, download CIFAR-10 / Fashion-MNIST / MNIST, remove one',
  // The English source is the cli catalogue's (cli.ts prints the --lang language's).
  help: i18n.t('cli:help.datasets', { lng: 'en' }),
  run: (args) => runDatasets(args, { out: process.stdout }),
};
