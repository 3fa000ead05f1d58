// Conv2D that always runs the plain conv2d kernel, so LayerLab's Conv2D gradient (gradients.ts) is used.
// Why: while training, stock tfjs-layers Conv2D with any activation other than relu/elu (linear, tanh,
// sigmoid, softmax, ...) goes through tf.fused.conv2d, whose built-in custom gradient asserts dilation 1
// and calls Conv2DBackpropFilter (missing on wasm). Same class name, config and weights as the stock
// layer, so saved model.json files stay standard 'Conv2D'. Registered under 'Conv2D' so loaded models
// train the same way.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';

export type Conv2DArgs = Parameters<TF['layers']['conv2d']>[0];
type LayerInstance = tfType.layers.Layer;
export type UnfusedConv2DClass = new (args: Conv2DArgs) => LayerInstance;

/** The fields of tfjs's Conv layer this class reads (protected in the typings). */
interface ConvInternals {
  kernel: { read(): tfType.Tensor };
  bias: { read(): tfType.Tensor } | null;
  strides: [number, number];
  dilationRate: [number, number];
  padding: 'same' | 'valid';
  dataFormat: 'channelsFirst' | 'channelsLast';
  activation: { apply(x: tfType.Tensor): tfType.Tensor } | null;
}

const classes = new WeakMap<object, UnfusedConv2DClass>();

export function unfusedConv2DClass(tf: TF): UnfusedConv2DClass {
  const existing = classes.get(tf);
  if (existing) return existing;
  // tfjs does not export its Conv2D class; take it from an instance.
  const StockConv2D = tf.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as unknown as UnfusedConv2DClass;

  class Conv2D extends StockConv2D {
    static className = 'Conv2D';

    override call(inputs: tfType.Tensor | tfType.Tensor[], kwargs: Record<string, unknown>): tfType.Tensor | tfType.Tensor[] {
      const self = this as unknown as ConvInternals;
      if (self.dataFormat !== 'channelsLast') return super.call(inputs, kwargs);
      return tf.tidy(() => {
        const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tfType.Tensor4D;
        const kernel = self.kernel.read() as tfType.Tensor4D;
        let y: tfType.Tensor = tf.conv2d(x, kernel, self.strides, self.padding, 'NHWC', self.dilationRate);
        if (self.bias) y = tf.add(y, self.bias.read());
        return self.activation ? self.activation.apply(y) : y;
      });
    }
  }

  tf.serialization.registerClass(Conv2D as unknown as tfType.serialization.SerializableConstructor<tfType.serialization.Serializable>);
  classes.set(tf, Conv2D);
  return Conv2D;
}
