// tfjs activation names as PyTorch expressions, with tfjs's exact definitions (e.g. hardSigmoid is
// clip(0.2 x + 0.5, 0, 1), not PyTorch's x / 6 + 0.5; gelu is the exact erf form).
import { ExportError } from '../codegen/plan';

const ACTIVATION_EXPR: Record<string, (x: string) => string> = {
  linear: (x) => x,
  relu: (x) => `torch.relu(${x})`,
  sigmoid: (x) => `torch.sigmoid(${x})`,
  tanh: (x) => `torch.tanh(${x})`,
  softmax: (x) => `torch.softmax(${x}, dim=-1)`,
  elu: (x) => `F.elu(${x})`,
  selu: (x) => `F.selu(${x})`,
  relu6: (x) => `F.relu6(${x})`,
  gelu: (x) => `F.gelu(${x})`,
  swish: (x) => `F.silu(${x})`,
  mish: (x) => `F.mish(${x})`,
  softplus: (x) => `F.softplus(${x})`,
  softsign: (x) => `F.softsign(${x})`,
  hardSigmoid: (x) => `torch.clamp(0.2 * ${x} + 0.5, 0.0, 1.0)`,
};

export function activationExpr(name: string, x: string, where: string): string {
  const f = ACTIVATION_EXPR[name];
  if (!f) throw new ExportError(`${where}: activation '${name}' has no PyTorch equivalent in the exporter`);
  return f(x);
}


/** A Python callable for the activation (for helper modules that take one); 'linear' is the identity. */
export function activationFn(name: string, where: string): string {
  return name === 'linear' ? '(lambda t: t)' : `(lambda t: ${activationExpr(name, 't', where)})`;
}
