// "Build when needed": a build is needed when an output is missing or older than the newest of its sources.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time (ms) of the files under these paths; missing paths count as 0. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** True when any output file is missing or older than a source under `inputs`. */
export function needsBuild(outputs, inputs) {
  let oldestOutput = Infinity;
  for (const out of outputs) {
    try {
      oldestOutput = Math.min(oldestOutput, statSync(out).mtimeMs);
    } catch {
      return true;
    }
  }
  return newestMtime(inputs) > oldestOutput;
}
