import * as tf from '@tensorflow/tfjs';
await tf.setBackend('cpu');
for (const mk of [() => tf.layers.globalAveragePooling1d({}), () => tf.layers.conv1d({filters:2,kernelSize:2}), () => tf.layers.flatten()]) {
  const x = tf.input({shape:[5]});
  const e = tf.layers.embedding({inputDim:10,outputDim:3,maskZero:true}).apply(x) as tf.SymbolicTensor;
  const l = mk();
  try { let y = l.apply(e) as tf.SymbolicTensor; if (y.shape.length>2) y = tf.layers.flatten().apply(y) as tf.SymbolicTensor; y = tf.layers.dense({units:1}).apply(y) as tf.SymbolicTensor;
    const m = tf.model({inputs:x, outputs:y}); const xs = tf.tensor2d([[0,1,2,0,3],[4,0,0,0,0]]);
    const p1 = (m.predict(xs) as tf.Tensor).dataSync();
    m.compile({optimizer:'sgd', loss:'meanSquaredError'}); await m.fit(xs, tf.ones([2,1]), {epochs:1, verbose:0});
    console.log(l.getClassName(), 'ok', Array.from(p1)); } catch (err) { console.log(l.getClassName(), 'throws', (err as Error).message.slice(0,120)); }
}
