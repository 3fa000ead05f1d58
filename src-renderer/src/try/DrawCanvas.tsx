// A 280x280 drawing surface for MNIST-like runs: draw a digit with the mouse (or pen / touch), Undo the last
// stroke, Clear. Each finished stroke is scaled to 28x28 the way MNIST's digits were (mnistScale.ts) and sent;
// the small preview shows exactly what the model reads.
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import { toMnistDigit } from './mnistScale';

const SIZE = 280;
const BRUSH = 20;

export function DrawCanvas({ onDigit, width = 28, height = 28 }: { onDigit(pixels: number[]): void; width?: number; height?: number }) {
  const { t } = useTranslation(['training']);
  const ref = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<ImageData[]>([]);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [count, setCount] = useState(0);
  const [digit, setDigit] = useState<number[] | null>(null);

  // MNIST centred each digit's 20x20 box in 28x28; other sizes keep that ratio.
  const fitted = Math.round((width * 20) / 28);
  const ctx = () => ref.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const clear = () => {
    const c = ctx();
    if (!c) return;
    c.fillStyle = '#000';
    c.fillRect(0, 0, SIZE, SIZE);
  };
  useEffect(clear, []);

  useEffect(() => {
    const c = preview.current?.getContext('2d');
    if (!c) return;
    const img = c.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const v = digit?.[p] ?? 0;
      img.data.set([v, v, v, 255], p * 4);
    }
    c.putImageData(img, 0, 0);
  }, [digit, width, height]);

  const send = () => {
    const c = ctx();
    if (!c) return;
    const rgba = c.getImageData(0, 0, SIZE, SIZE).data;
    const grey = new Float32Array(SIZE * SIZE);
    for (let p = 0; p < grey.length; p++) grey[p] = rgba[p * 4];
    const pixels = toMnistDigit({ width: SIZE, height: SIZE, data: grey }, width, fitted);
    setDigit(pixels);
    if (pixels.some((v) => v > 0)) onDigit(pixels);
  };

  const point = (e: React.PointerEvent) => {
    const r = ref.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  const line = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    const c = ctx();
    if (!c) return;
    c.strokeStyle = '#fff';
    c.lineWidth = BRUSH;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(a.x, a.y);
    c.lineTo(b.x, b.y);
    c.stroke();
  };
  const down = (e: React.PointerEvent) => {
    const c = ctx();
    if (!c) return;
    strokes.current.push(c.getImageData(0, 0, SIZE, SIZE));
    drawing.current = true;
    ref.current!.setPointerCapture?.(e.pointerId);
    const p = point(e);
    last.current = p;
    line(p, p);
  };
  const move = (e: React.PointerEvent) => {
    if (!drawing.current || !last.current) return;
    const p = point(e);
    line(last.current, p);
    last.current = p;
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    last.current = null;
    setCount(strokes.current.length);
    send();
  };
  const undo = () => {
    const prev = strokes.current.pop();
    if (prev) ctx()?.putImageData(prev, 0, 0);
    setCount(strokes.current.length);
    send();
  };
  const wipe = () => {
    strokes.current = [];
    clear();
    setCount(0);
    setDigit(null);
  };

  return (
    <div className="ll-try-draw">
      <div className="ll-try-canvas-wrap">
        <canvas
          ref={ref}
          width={SIZE}
          height={SIZE}
          className="ll-try-canvas"
          data-testid="try-draw"
          aria-label={t('training:try.drawArea')}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerLeave={up}
        />
        {count === 0 && (
          <span className="ll-try-draw-hint" data-testid="try-draw-hint" aria-hidden>
            {t('training:try.drawHint')}
          </span>
        )}
      </div>
      <div className="ll-try-draw-side">
        <div className="ll-try-draw-buttons">
          <button type="button" className="ll-btn ll-btn-small" data-testid="try-undo" onClick={undo} disabled={count === 0}>
            {t('training:try.undo')}
          </button>
          <button type="button" className="ll-btn ll-btn-small" data-testid="try-clear" onClick={wipe} disabled={count === 0}>
            {t('training:try.clear')}
          </button>
        </div>
        <figure className="ll-try-preview">
          <canvas ref={preview} width={width} height={height} data-testid="try-draw-preview" />
          <figcaption className="ll-muted ll-small">
            {t('training:try.drawPreview', { width, height, fit: fitted })}
          </figcaption>
        </figure>
      </div>
    </div>
  );
}
