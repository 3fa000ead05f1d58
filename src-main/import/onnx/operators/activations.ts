// Element-wise activations: folded into the Dense or Conv just before them when nothing else reads its output,
// else an Activation layer.
import type { OperatorMapper } from './types';

const ACTIVATIONS: Record<string, string> = { Relu: 'relu', Sigmoid: 'sigmoid', Tanh: 'tanh', Softmax: 'softmax', Elu: 'elu', Selu: 'selu', Softplus: 'softplus', Softsign: 'softsign' };
const SELU_ALPHA = 1.6732632;
const SELU_GAMMA = 1.050701;

export const activationMappers: OperatorMapper[] = [
  {
    ops: Object.keys(ACTIVATIONS),
    map(ctx, n) {
      const activation = ACTIVATIONS[n.opType];
      const x = ctx.tensor(n.inputs[0]);
      if (n.opType === 'Softmax') {
        const rank = x.shape.length + 1;
        const axis = ctx.attr<number>('axis', ctx.ix.model.opset >= 13 ? -1 : 1);
        if ((axis + rank) % rank !== rank - 1 || x.layout === 'cf') ctx.fail(`softmax over axis ${axis} of a ${x.layout === 'cf' ? 'channels-first ' : ''}rank-${rank} tensor; LayerLab's softmax runs over the last axis`);
      }
      if (n.opType === 'Elu' && ctx.attr('alpha', 1) !== 1) ctx.fail('Elu with alpha other than 1');
      if (n.opType === 'Selu' && (Math.abs(ctx.attr('alpha', SELU_ALPHA) - SELU_ALPHA) > 1e-5 || Math.abs(ctx.attr('gamma', SELU_GAMMA) - SELU_GAMMA) > 1e-5)) ctx.fail('Selu with non-standard alpha or gamma');
      const producer = ctx.node(x.node);
      if (x.fresh && ['Dense', 'Conv2D', 'Conv1D'].includes(producer.kind) && producer.params.activation === 'linear' && ctx.singleUse(n.inputs[0])) {
        producer.params.activation = activation;
        ctx.set(n.outputs[0], { ...x, fresh: false });
        return;
      }
      const id = ctx.emit('Activation', { activation }, [x]);
      ctx.set(n.outputs[0], { ...x, node: id, handle: 'out', fresh: false, flatFrom: x.flatFrom });
    },
  },
];
