// Sequence predictions as text: class ids per position mapped through the task's vocabulary (the
// evaluation's class names). Pad/end tokens have the empty name and drop out; single characters join
// without spaces ("seven", "2024-03-01"), longer tokens with one.
export function sequenceText(tokens: number[] | undefined, names: string[] | undefined): string {
  if (!tokens || tokens.length === 0) return '';
  if (!names || names.length === 0) return tokens.join(' ');
  const parts = tokens.map((t) => names[t] ?? `#${t}`).filter((s) => s !== '');
  const chars = parts.every((p) => [...p].length === 1);
  return parts.join(chars ? '' : ' ');
}
