// A very small WebAssembly assembler: just the instructions LayerLab's SIMD kernels use, written as method
// calls, and a module with an imported memory (tfjs-backend-wasm's heap, so kernels work on tensors in
// place). No toolchain and no binary in the repository: the kernels are built when the backend starts.
// Encoding: https://webassembly.github.io/spec/core/binary/ and the fixed-width SIMD proposal.

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const utf8 = (s: string) => [...uleb(Buffer.byteLength(s)), ...Buffer.from(s)];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** A function body: instructions appended in order; locals are numbered after the parameters. */
export class Code {
  readonly bytes: number[] = [];

  private op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  private simd(opcode: number): this {
    return this.op(0xfd, ...uleb(opcode));
  }

  get(local: number): this {
    return this.op(0x20, ...uleb(local));
  }
  set(local: number): this {
    return this.op(0x21, ...uleb(local));
  }
  tee(local: number): this {
    return this.op(0x22, ...uleb(local));
  }
  i32(value: number): this {
    return this.op(0x41, ...sleb(value | 0));
  }
  f32(value: number): this {
    const b = new Uint8Array(new Float32Array([value]).buffer);
    return this.op(0x43, ...b);
  }
  add(): this {
    return this.op(0x6a); // i32.add
  }
  sub(): this {
    return this.op(0x6b); // i32.sub
  }
  mul(): this {
    return this.op(0x6c); // i32.mul
  }
  and(): this {
    return this.op(0x71); // i32.and
  }
  shl(): this {
    return this.op(0x74); // i32.shl
  }
  ltU(): this {
    return this.op(0x49); // i32.lt_u
  }
  f32Load(offset = 0): this {
    return this.op(0x2a, 2, ...uleb(offset));
  }
  f32Store(offset = 0): this {
    return this.op(0x38, 2, ...uleb(offset));
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Mul(): this {
    return this.op(0x94);
  }
  f32Sub(): this {
    return this.op(0x93);
  }
  f32Div(): this {
    return this.op(0x95);
  }
  f32Min(): this {
    return this.op(0x96);
  }
  f32Max(): this {
    return this.op(0x97);
  }
  f32Sqrt(): this {
    return this.op(0x91);
  }
  /** v128.load / store with a byte offset; alignment hint 4 bytes (tensor data is float-aligned). */
  v128Load(offset = 0): this {
    return this.simd(0).op(2, ...uleb(offset));
  }
  v128Store(offset = 0): this {
    return this.simd(11).op(2, ...uleb(offset));
  }
  f32x4Splat(): this {
    return this.simd(19);
  }
  f32x4Add(): this {
    return this.simd(228);
  }
  f32x4Sub(): this {
    return this.simd(229);
  }
  f32x4Mul(): this {
    return this.simd(230);
  }
  f32x4Min(): this {
    return this.simd(232);
  }
  f32x4Max(): this {
    return this.simd(233);
  }
  f32x4Div(): this {
    return this.simd(231);
  }
  f32x4Sqrt(): this {
    return this.simd(227);
  }
  /** A v128 of zeros. */
  zeroV128(): this {
    return this.f32(0).f32x4Splat();
  }
  /**
   * for (counter = from; counter < limit; counter += step) body. `from` and `step` are constants (from null:
   * carry on from the counter's current value), `limit` a local. The test comes first: an empty range runs nothing.
   */
  loop(counter: number, from: number | null, limit: number, step: number, body: (c: this) => void): this {
    if (from !== null) this.i32(from).set(counter);
    this.op(0x02, 0x40); // block
    this.op(0x03, 0x40); // loop
    this.get(counter).get(limit).op(0x4f).op(0x0d, 1); // i32.ge_u; br_if 1 (leave the block)
    body(this);
    this.get(counter).i32(step).add().set(counter);
    this.op(0x0c, 0); // br 0 (next iteration)
    this.op(0x0b, 0x0b); // end loop, end block
    return this;
  }
}

export interface WasmFunction {
  name: string;
  params: ValType[];
  locals: ValType[];
  body: Code;
}

/** A module importing env.memory and exporting `functions` (no results: kernels write to memory). */
export function assemble(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const memoryImport = [...utf8('env'), ...utf8('memory'), 0x02, 0x00, 0x00]; // memory, no maximum, min 0
  const bodies = functions.map((f) => {
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.body.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...utf8(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}
