import * as tf from '@tensorflow/tfjs';
import { getTemplate } from '../shared/templates';
import { buildModel, compileModel } from '../src-main/engine/compile';
async function run(label: string, mutate: (g: any) => void) {
  const g = structuredClone(getTemplate('seq2seq-dates-attention')!.graph);
  mutate(g);
  const { model } = buildModel(g, tf);
  compileModel(model, g.training, tf);
  const xs = model.inputs.map((i) => tf.randomUniform([4, ...(i.shape.slice(1) as number[])]));
  const ys = tf.randomUniform([4, 10, 43]);
  try { await model.fit(xs, ys, { epochs: 1, verbose: 0 }); console.log(label, 'fit ok'); } catch (e) { console.log(label, 'FIT ERR', String(e).slice(0, 150)); }
  try { model.predict(xs); console.log(label, 'predict ok'); } catch (e) { console.log(label, 'PRED ERR', String(e).slice(0, 150)); }
}
const rewire = (g: any, from: string, kind: string, params: any) => {
  g.nodes.push({ id: 'mid', kind, params, position: { x: 500, y: 0 } });
  for (const e of g.edges) if (e.source === 'decoder' && e.target !== 'mid') e.source = 'mid', e.sourceHandle = 'out';
  g.edges.push({ id: 'm', source: 'decoder', sourceHandle: 'out', target: 'mid', targetHandle: 'in' });
};
async function main() {
  await tf.setBackend('cpu');
  await run('via Activation linear', (g) => rewire(g, 'decoder', 'Activation', { activation: 'linear' }));
  await run('via Dense', (g) => rewire(g, 'decoder', 'TimeDistributed', { units: 64, activation: 'tanh' }));
  await run('decoder -> Dense query only', (g) => {
    g.nodes.push({ id: 'q', kind: 'Dense', params: { units: 64, activation: 'linear' }, position: { x: 500, y: 0 } });
    const e = g.edges.find((e: any) => e.source === 'decoder' && e.target === 'attention'); e.source = 'q';
    g.edges.push({ id: 'm', source: 'decoder', sourceHandle: 'out', target: 'q', targetHandle: 'in' });
  });
}
main();
