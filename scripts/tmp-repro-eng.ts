import * as tf from '@tensorflow/tfjs';
import { AttentionLayer } from '../src-main/engine/custom/attention';
async function run(label: string, opts: { branch: boolean; selfAtt?: boolean; predict?: boolean }) {
  const x = tf.input({ shape: [6, 8] }); const d = tf.input({ shape: [4, 5] });
  const [eo, h] = tf.layers.gru({ units: 8, returnSequences: true, returnState: true }).apply(x) as tf.SymbolicTensor[];
  const dec = tf.layers.gru({ units: 8, returnSequences: true }).apply(d, { initialState: [h] }) as tf.SymbolicTensor;
  const att = new AttentionLayer({ mode: 'soft', score: 'scaled', units: 0, causal: false, returnScores: false } as any).apply(opts.selfAtt ? [dec, dec] : [dec, eo]) as tf.SymbolicTensor;
  const merged = opts.branch ? tf.layers.concatenate().apply([att, dec]) as tf.SymbolicTensor : att;
  const y = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3 }) }).apply(merged) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [x, d], outputs: y });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  try { await model.fit([tf.ones([2, 6, 8]), tf.ones([2, 4, 5])], tf.ones([2, 4, 3]), { epochs: 1, verbose: 0 }); console.log(label, 'fit ok'); } catch (e) { console.log(label, 'FIT ERR', String(e).slice(0, 120)); }
  try { model.predict([tf.ones([2, 6, 8]), tf.ones([2, 4, 5])]); console.log(label, 'predict ok'); } catch (e) { console.log(label, 'PRED ERR', String(e).slice(0, 120)); }
}
async function main() {
  await tf.setBackend('cpu');
  await run('attention, no branch', { branch: false });
  await run('attention, branch', { branch: true });
  await run('self attention q=v=dec', { branch: false, selfAtt: true });
  // no initial state at all, self-attention on a plain tensor
  const x = tf.input({ shape: [6, 8] });
  const e = tf.layers.dense({ units: 8 }).apply(x) as tf.SymbolicTensor;
  const a = new AttentionLayer({ mode: 'soft', score: 'scaled', units: 0, causal: true, returnScores: false } as any).apply([e, e]) as tf.SymbolicTensor;
  const m = tf.model({ inputs: x, outputs: a });
  try { m.predict(tf.ones([2, 6, 8])); console.log('plain self-attention predict ok'); } catch (err) { console.log('plain self-attention PRED ERR', String(err).slice(0, 120)); }
}
main();
