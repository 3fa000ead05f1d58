// Number formatting for metric read-outs.
export function fmt(v: number | undefined | null, digits = 4): string {
  return v === undefined || v === null || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString();
}
