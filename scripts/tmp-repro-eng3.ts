import * as tf from '@tensorflow/tfjs';
import { AttentionLayer } from '../src-main/engine/custom/attention';
async function main() {
  await tf.setBackend('cpu');
  const x = tf.input({ shape: [6, 8] });
  const e = tf.layers.dense({ units: 8 }).apply(x) as tf.SymbolicTensor;
  const a = new AttentionLayer({}).apply([e, e]) as tf.SymbolicTensor;
  const m = tf.model({ inputs: x, outputs: tf.layers.concatenate().apply([a, e]) as tf.SymbolicTensor });
  try { m.predict(tf.ones([2, 6, 8])); console.log('predict ok'); } catch (err) { console.log('PRED ERR', String(err).slice(0, 120)); }
  const e2 = tf.layers.dense({ units: 8 }).apply(x) as tf.SymbolicTensor;
  const s = tf.layers.add().apply([e2, e2]) as tf.SymbolicTensor;
  const m2 = tf.model({ inputs: x, outputs: tf.layers.concatenate().apply([s, e2]) as tf.SymbolicTensor });
  try { m2.predict(tf.ones([2, 6, 8])); console.log('add predict ok'); } catch (err) { console.log('add PRED ERR', String(err).slice(0, 120)); }
}
main();
