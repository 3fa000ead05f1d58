import * as tf from '@tensorflow/tfjs';
async function run(label: string, branch: boolean, useArray: boolean) {
  const x = tf.input({ shape: [6, 5] }); const d = tf.input({ shape: [4, 5] });
  const [eo, h, c] = tf.layers.lstm({ units: 8, returnSequences: true, returnState: true }).apply(x) as tf.SymbolicTensor[];
  const lstm = tf.layers.lstm({ units: 8, returnSequences: true });
  const dec = (useArray ? lstm.apply([d, h, c]) : lstm.apply(d, { initialState: [h, c] })) as tf.SymbolicTensor;
  const other = tf.layers.dense({ units: 8 }).apply(dec) as tf.SymbolicTensor;
  const merged = branch ? tf.layers.concatenate().apply([other, dec]) as tf.SymbolicTensor : other;
  const y = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3 }) }).apply(merged) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [x, d], outputs: y });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  try { await model.fit([tf.ones([2, 6, 5]), tf.ones([2, 4, 5])], tf.ones([2, 4, 3]), { epochs: 1, verbose: 0 }); console.log(label, 'fit ok'); } catch (e) { console.log(label, 'FIT ERR', String(e).slice(0, 120)); }
}
async function main() {
  await tf.setBackend('cpu');
  await run('kwargs, no branch', false, false);
  await run('kwargs, branch', true, false);
  await run('array, branch', true, true);
}
main();
