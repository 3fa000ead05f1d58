// `npm run serve` / `tsx src-main/web/serve.ts [--port N]`: LayerLab in the browser. Prints the page URL (with
// this start's token) and which training backend will run.
import { pathToFileURL } from 'node:url';
import { BUILD_HINT, parsePort, portFromEnv, startWebHost } from './host';
import { createRealDeps } from './real-deps';

export { startWebHost } from './host';
export type { WebHost, WebHostOptions } from './host';

const USAGE = `Usage: tsx src-main/web/serve.ts [--port N]

Serves LayerLab to a browser on 127.0.0.1 only.
  --port N   port to listen on (default: LAYERLAB_PORT or 5185; 0 picks a free port)
Environment: LAYERLAB_HOME  where runs and caches live (default ~/.layerlab)`;

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { port: number } | { help: true } {
  let port: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--port') {
      if (i + 1 >= argv.length) throw new Error('--port needs a value, e.g. --port 5185');
      port = parsePort(argv[++i], '--port');
    } else if (arg.startsWith('--port=')) {
      port = parsePort(arg.slice('--port='.length), '--port');
    } else {
      throw new Error(`Unknown argument '${arg}'.\n${USAGE}`);
    }
  }
  return { port: port ?? portFromEnv(env) };
}

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  if ('help' in args) {
    console.log(USAGE);
    return;
  }
  const services = createRealDeps();
  let host;
  try {
    host = await startWebHost({ deps: services.deps, port: args.port });
  } catch (err) {
    await services.dispose();
    throw err;
  }
  const info = await services.deps.info();
  if (!host.rendererBuilt) console.warn(`Warning: ${BUILD_HINT}`);
  console.log(`LayerLab is running at ${host.url}`);
  console.log(`Backend: ${info.backend.name}. ${info.backend.reason}`);
  console.log(`Data: ${info.dataDir}. Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping (running trainings are stopped and saved)...`);
    void host
      .close()
      .then(() => services.dispose())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(`layerlab serve: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
