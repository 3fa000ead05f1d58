import * as tf from '@tensorflow/tfjs';
import { AttentionLayer } from '../src-main/engine/custom/attention';
async function run(label: string, concatInput: boolean) {
  const x = tf.input({ shape: [6, 8] }); const d = tf.input({ shape: [4, 5] });
  const [eo, h, c] = tf.layers.lstm({ units: 8, returnSequences: true, returnState: true }).apply(x) as tf.SymbolicTensor[];
  const dec = tf.layers.lstm({ units: 8, returnSequences: true }).apply(d, { initialState: [h, c] }) as tf.SymbolicTensor;
  const att = new AttentionLayer({ mode: 'soft', score: 'scaled', units: 0, causal: false, returnScores: false } as any).apply([dec, eo]) as tf.SymbolicTensor;
  const merged = concatInput ? tf.layers.concatenate().apply([att, d]) as tf.SymbolicTensor : att;
  const post = tf.layers.lstm({ units: 8, returnSequences: true }).apply(merged) as tf.SymbolicTensor;
  const y = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3 }) }).apply(post) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [x, d], outputs: y });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  try { await model.fit([tf.ones([2, 6, 8]), tf.ones([2, 4, 5])], tf.ones([2, 4, 3]), { epochs: 1, verbose: 0 }); console.log(label, 'fit ok'); } catch (e) { console.log(label, 'FIT ERR', String(e).slice(0, 120)); }
  try { model.predict([tf.ones([2, 6, 8]), tf.ones([2, 4, 5])]); console.log(label, 'predict ok'); } catch (e) { console.log(label, 'PRED ERR', String(e).slice(0, 120)); }
}
async function main() { await tf.setBackend('cpu'); await run('post-LSTM on context', false); await run('post-LSTM on concat(context, decoder_in)', true); }
main();
