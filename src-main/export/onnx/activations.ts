// tfjs activations as ONNX opset-17 operators, with tfjs's exact definitions: gelu is the erf form (opset 17
// has no Gelu), hardSigmoid is clip(0.2 x + 0.5, 0, 1), swish x * sigmoid(x), mish x * tanh(softplus(x)).
import { attr, type OnnxGraphContext } from './context';

type Emit = (g: OnnxGraphContext, x: string, base: string) => string;

const ACTIVATION_OPS: Record<string, Emit> = {
  linear: (_g, x) => x,
  relu: (g, x, base) => g.op1('Relu', [x], base),
  sigmoid: (g, x, base) => g.op1('Sigmoid', [x], base),
  tanh: (g, x, base) => g.op1('Tanh', [x], base),
  softmax: (g, x, base) => g.op1('Softmax', [x], base, [attr.int('axis', -1)]),
  elu: (g, x, base) => g.op1('Elu', [x], base, [attr.float('alpha', 1)]),
  selu: (g, x, base) => g.op1('Selu', [x], base),
  relu6: (g, x, base) => g.op1('Clip', [x, g.scalar(0), g.scalar(6)], base),
  gelu: (g, x, base) => {
    const erf = g.op1('Erf', [g.op1('Div', [x, g.scalar(Math.SQRT2)], `${base}_scaled`)], `${base}_erf`);
    const cdf = g.op1('Mul', [g.op1('Add', [erf, g.scalar(1)], `${base}_1erf`), g.scalar(0.5)], `${base}_cdf`);
    return g.op1('Mul', [x, cdf], base);
  },
  swish: (g, x, base) => g.op1('Mul', [x, g.op1('Sigmoid', [x], `${base}_sigmoid`)], base),
  mish: (g, x, base) => g.op1('Mul', [x, g.op1('Tanh', [g.op1('Softplus', [x], `${base}_softplus`)], `${base}_tanh`)], base),
  softplus: (g, x, base) => g.op1('Softplus', [x], base),
  softsign: (g, x, base) => g.op1('Softsign', [x], base),
  hardSigmoid: (g, x, base) => g.op1('HardSigmoid', [x], base, [attr.float('alpha', 0.2), attr.float('beta', 0.5)]),
};

/** GELU with the tanh approximation, as the transformer blocks use it (GPT-2). */
export function geluTanh(g: OnnxGraphContext, x: string, base: string): string {
  const cube = g.op1('Mul', [g.op1('Mul', [x, x], `${base}_sq`), x], `${base}_cube`);
  const inner = g.op1('Mul', [g.op1('Add', [x, g.op1('Mul', [cube, g.scalar(0.044715)], `${base}_c`)], `${base}_sum`), g.scalar(Math.sqrt(2 / Math.PI))], `${base}_inner`);
  const half = g.op1('Mul', [x, g.scalar(0.5)], `${base}_half`);
  return g.op1('Mul', [half, g.op1('Add', [g.op1('Tanh', [inner], `${base}_tanh`), g.scalar(1)], `${base}_1tanh`)], base);
}

export function activationSupported(name: string): boolean {
  return name in ACTIVATION_OPS;
}

export function unsupportedActivation(name: string): string | null {
  return activationSupported(name) ? null : `activation '${name}' has no ONNX form in the exporter (supported: ${Object.keys(ACTIVATION_OPS).join(', ')})`;
}

export function activate(g: OnnxGraphContext, x: string, name: string, base: string): string {
  const f = ACTIVATION_OPS[name];
  if (!f) throw new Error(unsupportedActivation(name)!);
  return f(g, x, base);
}
