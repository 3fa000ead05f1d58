import * as tf from '@tensorflow/tfjs';
import { getTemplate } from '../shared/templates';
import { buildModel, compileModel } from '../src-main/engine/compile';
import { initBackend } from '../src-main/engine/backend';
import { ensureGradientFixes } from '../src-main/engine/custom/gradients';
async function main() {
  for (const b of ['cpu', 'wasm'] as const) {
    await initBackend(b); ensureGradientFixes(tf);
    const g = structuredClone(getTemplate('snail-fewshot')!.graph);
    const { model } = buildModel(g, tf);
    compileModel(model, g.training, tf);
    const xs = tf.randomUniform([4, 6, 789]); const ys = tf.oneHot([0, 1, 2, 3], 5).toFloat();
    try { await model.fit(xs, ys, { epochs: 1, verbose: 0 }); console.log(b, 'fit ok'); } catch (e) { console.log(b, 'FIT ERR', String(e).slice(0, 150), (e as Error).stack?.split('\n').slice(1, 6).join('\n')); }
  }
}
main();
