// The two per-time-step passes of LayerLab's fused LSTM (../../custom/lstm-fused.ts), as SIMD kernels: each
// replaces about fifteen tfjs kernels of a stock LSTM step (split, three sigmoids, two tanhs, the products and
// sums of the cell update) and their gradients with one pass over the step's data. Gate order i, f, g, o, as
// Keras and tfjs store the weights. The same formulas in plain JavaScript: ../../custom/lstm-cell-math.ts.
//
// lstmCell(xw, hu, cPrev, hOut, cOut, act, batch, units, xwStride)
//   z = xw[b] + hu[b] (xw: the input projection plus bias of this time step, rows xwStride bytes apart);
//   i, f, o = sigmoid(z_i, z_f, z_o), g = tanh(z_g); c = f*cPrev + i*g; h = o*tanh(c); act = [i f g o].
// lstmCellGrad(act, c, cPrev, dhRec, dy, dc, dz, dcPrev, batch, units, dyStride)
//   dh = dhRec + dy[b]; tc = tanh(c); dcTotal = dc + dh*o*(1 - tc^2);
//   dz = [dcTotal*g*i(1-i), dcTotal*cPrev*f(1-f), dcTotal*i*(1-g^2), dh*tc*o(1-o)]; dcPrev = dcTotal*f.
// sigmoid(x) is computed as 0.5*tanh(0.5x) + 0.5 with the rational float32 tanh of ./elementwise.ts.
import { Code, F32, I32, V128, type ValType, type WasmFunction } from './assembler';
import { arithmeticOps, pushTanh, type Ops } from './elementwise';

/** Locals shared by both kernels' loops (indices given per kernel). */
interface Loop {
  batch: number;
  units: number;
  b: number;
  j: number;
  /** units * 4 bytes, and multiples: the byte offsets of gates f, g, o in a row of 4 * units. */
  ub: [number, number, number];
  /** bytes of a row covered by whole vectors */
  uv: number;
  /** row offsets (bytes) of the current batch row: in 4*units rows, in units rows */
  gateRow: number;
  unitRow: number;
}

const VTEMPS = 9;

type LstmOps = Omit<Ops, 'load'> & { load(): void; tmp(i: number): number; store(): void };

function ops(c: Code, vector: boolean, vbase: number, sbase: number): LstmOps {
  const t = (i: number) => (vector ? vbase : sbase) + i;
  return {
    ...arithmeticOps(c, vector, t(0)),
    load: () => (vector ? c.v128Load() : c.f32Load()),
    tmp: t,
    store: () => (vector ? c.v128Store() : c.f32Store()),
  };
}

/** Sets up the byte counts and runs `step` over every (b, unit) position: vectors first, then the tail. */
function rows(c: Code, l: Loop, startRow: () => void, step: (vector: boolean) => void): void {
  c.get(l.units).i32(2).shl().set(l.ub[0]);
  c.get(l.ub[0]).get(l.ub[0]).add().set(l.ub[1]);
  c.get(l.ub[1]).get(l.ub[0]).add().set(l.ub[2]);
  c.get(l.units).i32(-4).and().i32(2).shl().set(l.uv);
  c.loop(l.b, 0, l.batch, 1, () => {
    c.get(l.b).get(l.ub[0]).mul().set(l.unitRow);
    c.get(l.unitRow).i32(2).shl().set(l.gateRow);
    startRow();
    c.loop(l.j, 0, l.uv, 16, () => step(true));
    c.loop(l.j, null, l.ub[0], 4, () => step(false));
  });
}

function sigmoid(o: LstmOps): void {
  o.constant(0.5);
  o.mul();
  pushTanh(o);
  o.constant(0.5);
  o.mul();
  o.constant(0.5);
  o.add();
}

function lstmCell(): WasmFunction {
  const [XW, HU, CP, HO, CO, ACT, BATCH, UNITS, XSTRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [B, J, UB, UB2, UB3, UV, XR, GR, UR] = [9, 10, 11, 12, 13, 14, 15, 16, 17];
  const VBASE = 18;
  const SBASE = VBASE + VTEMPS;
  const c = new Code();
  const l: Loop = { batch: BATCH, units: UNITS, b: B, j: J, ub: [UB, UB2, UB3], uv: UV, gateRow: GR, unitRow: UR };
  const gateOffset = (k: number) => {
    if (k > 0) c.get(l.ub[k - 1]).add();
  };
  rows(
    c,
    l,
    () => c.get(B).get(XSTRIDE).mul().get(XW).add().set(XR),
    (vector) => {
      const o = ops(c, vector, VBASE, SBASE);
      const [I, F, G, O] = [2, 3, 4, 5].map(o.tmp);
      const CN = o.tmp(6);
      const gateAddress = (base: number, k: number) => {
        c.get(base).get(GR).add().get(J).add();
        gateOffset(k);
      };
      [I, F, G, O].forEach((local, k) => {
        c.get(XR).get(J).add();
        gateOffset(k);
        o.load();
        gateAddress(HU, k);
        o.load();
        o.add();
        if (k === 2) pushTanh(o);
        else sigmoid(o);
        c.set(local);
        gateAddress(ACT, k);
        c.get(local);
        o.store();
      });
      const unitAddress = (base: number) => c.get(base).get(UR).add().get(J).add();
      c.get(F);
      unitAddress(CP);
      o.load();
      o.mul();
      c.get(I).get(G);
      o.mul();
      o.add();
      c.set(CN);
      unitAddress(CO);
      c.get(CN);
      o.store();
      unitAddress(HO);
      c.get(O);
      c.get(CN);
      pushTanh(o);
      o.mul();
      o.store();
    },
  );
  return {
    name: 'lstmCell',
    params: Array<ValType>(9).fill(I32),
    locals: [...Array<ValType>(9).fill(I32), ...Array<ValType>(VTEMPS).fill(V128), ...Array<ValType>(VTEMPS).fill(F32)],
    body: c,
  };
}

function lstmCellGrad(): WasmFunction {
  const [ACT, C, CP, DHR, DY, DC, DZ, DCP, BATCH, UNITS, DYSTRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [B, J, UB, UB2, UB3, UV, DYR, GR, UR] = [11, 12, 13, 14, 15, 16, 17, 18, 19];
  const VBASE = 20;
  const SBASE = VBASE + VTEMPS;
  const c = new Code();
  const l: Loop = { batch: BATCH, units: UNITS, b: B, j: J, ub: [UB, UB2, UB3], uv: UV, gateRow: GR, unitRow: UR };
  rows(
    c,
    l,
    () => c.get(B).get(DYSTRIDE).mul().get(DY).add().set(DYR),
    (vector) => {
      const o = ops(c, vector, VBASE, SBASE);
      const [I, F, G, O, TC, DH, DCT] = [2, 3, 4, 5, 6, 7, 8].map(o.tmp);
      const gateAddress = (base: number, k: number) => {
        c.get(base).get(GR).add().get(J).add();
        if (k > 0) c.get(l.ub[k - 1]).add();
      };
      const unitAddress = (base: number) => c.get(base).get(UR).add().get(J).add();
      [I, F, G, O].forEach((local, k) => {
        gateAddress(ACT, k);
        o.load();
        c.set(local);
      });
      unitAddress(C);
      o.load();
      pushTanh(o);
      c.set(TC);
      unitAddress(DHR);
      o.load();
      c.get(DYR).get(J).add();
      o.load();
      o.add();
      c.set(DH);
      // dcTotal = dc + dh*o*(1 - tc*tc)
      unitAddress(DC);
      o.load();
      c.get(DH).get(O);
      o.mul();
      o.constant(1);
      c.get(TC).get(TC);
      o.mul();
      o.sub();
      o.mul();
      o.add();
      c.set(DCT);
      /** pushes y*(1-y) for the gate in `local` */
      const logisticSlope = (local: number) => {
        c.get(local);
        o.constant(1);
        c.get(local);
        o.sub();
        o.mul();
      };
      gateAddress(DZ, 0);
      c.get(DCT).get(G);
      o.mul();
      logisticSlope(I);
      o.mul();
      o.store();
      gateAddress(DZ, 1);
      c.get(DCT);
      unitAddress(CP);
      o.load();
      o.mul();
      logisticSlope(F);
      o.mul();
      o.store();
      gateAddress(DZ, 2);
      c.get(DCT).get(I);
      o.mul();
      o.constant(1);
      c.get(G).get(G);
      o.mul();
      o.sub();
      o.mul();
      o.store();
      gateAddress(DZ, 3);
      c.get(DH).get(TC);
      o.mul();
      logisticSlope(O);
      o.mul();
      o.store();
      unitAddress(DCP);
      c.get(DCT).get(F);
      o.mul();
      o.store();
    },
  );
  return {
    name: 'lstmCellGrad',
    params: Array<ValType>(11).fill(I32),
    locals: [...Array<ValType>(9).fill(I32), ...Array<ValType>(VTEMPS).fill(V128), ...Array<ValType>(VTEMPS).fill(F32)],
    body: c,
  };
}

export const LSTM_FUNCTIONS: WasmFunction[] = [lstmCell(), lstmCellGrad()];

export interface LstmKernels {
  lstmCell(xw: number, hu: number, cPrev: number, hOut: number, cOut: number, act: number, batch: number, units: number, xwStride: number): void;
  lstmCellGrad(act: number, c: number, cPrev: number, dhRec: number, dy: number, dc: number, dz: number, dcPrev: number, batch: number, units: number, dyStride: number): void;
}
