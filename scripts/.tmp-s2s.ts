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
async function main() {
  await tf.setBackend('cpu');
  await run('as is', () => {});
  // decoder output only to attention (concat gets attention twice)
  await run('decoder->attention only', (g) => { g.edges = g.edges.filter((e: any) => !(e.source === 'decoder' && e.target === 'context_and_state')); g.edges.push({ id: 'x', source: 'attention', sourceHandle: 'out', target: 'context_and_state', targetHandle: 'in' }); });
  await run('encoder no returnSequences, value=decoder', (g) => { g.nodes.find((n: any) => n.id === 'encoder').params.returnSequences = false; g.edges = g.edges.filter((e: any) => !(e.source === 'encoder' && e.target === 'attention')); g.edges.push({ id: 'y', source: 'decoder', sourceHandle: 'out', target: 'attention', targetHandle: 'value' }); });
}
main();
