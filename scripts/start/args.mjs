// The command line of `npm start -- ...` (scripts/start.mjs).

export const USAGE = `Usage: npm start [-- OPTIONS] [FILE.layerlab.json]

Starts LayerLab: the desktop app (Electron) when its binary is installed and a display is available,
otherwise the browser version (the local web host, the same as \`npm run serve\`), opened in your browser.
  --browser        start the browser version even where the desktop app could run
  --no-open        browser version: print the URL only, do not open a browser
  --port N         browser version: port to listen on (default LAYERLAB_PORT or 5185; 0 picks a free port)
  --template ID    open the template with this id (e.g. snail-fewshot) instead of the default graph
  --check          only report whether Electron's binary is installed (exit 0) or not (exit 1)
  -h, --help       this text
A FILE is opened by the desktop app; in the browser use File > Open.
Environment: LAYERLAB_HOME (data folder, default ~/.layerlab), ELECTRON_SKIP_BINARY_DOWNLOAD (do not try
Electron's download), LAYERLAB_ELECTRON_DIR (the electron package, default node_modules/electron).`;

/**
 * @param {string[]} argv the arguments after `npm start --`
 * @returns {{ help: boolean, check: boolean, browser: boolean, open: boolean, port: string | null,
 *   template: string | null, files: string[] }} files: graph files for the desktop app to open
 */
export function parseStartArgs(argv) {
  const args = { help: false, check: false, browser: false, open: true, port: null, template: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name) => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('-')) throw new Error(`${name} needs a value, e.g. ${name} ${name === '--port' ? '5185' : 'mlp-mnist'}`);
      return next;
    };
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--check') args.check = true;
    else if (arg === '--browser') args.browser = true;
    else if (arg === '--no-open') args.open = false;
    else if (arg === '--port' || arg.startsWith('--port=')) args.port = value('--port');
    else if (arg === '--template' || arg.startsWith('--template=')) args.template = value('--template');
    else if (arg.startsWith('-')) throw new Error(`Unknown option '${arg}'.`);
    else args.files.push(arg);
  }
  return args;
}
