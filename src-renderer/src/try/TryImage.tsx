// Draws a TryImage (pixels 0..255) at 1 pixel each; CSS scales it up without smoothing.
import { useEffect, useRef } from 'react';
import type { TryImage } from '../../../shared/api';

export function TryImageView({ image, label, testId }: { image: TryImage; label?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const { width, height, channels, pixels } = image;
    const data = ctx.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const r = pixels[p * channels] ?? 0;
      const g = channels >= 3 ? pixels[p * channels + 1] : r;
      const b = channels >= 3 ? pixels[p * channels + 2] : r;
      data.data.set([r, g, b, 255], p * 4);
    }
    ctx.putImageData(data, 0, 0);
  }, [image]);
  return <canvas ref={ref} width={image.width} height={image.height} className="ll-try-thumb" aria-label={label} data-testid={testId} />;
}

/** An image file -> pixels of the given size and channels (stretched to fit, as the dataset's images are). */
export async function imageFilePixels(file: File, width: number, height: number, channels: 1 | 3): Promise<number[]> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const out: number[] = [];
  for (let p = 0; p < width * height; p++) {
    if (channels === 3) out.push(rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2]);
    else out.push(Math.round((rgba[p * 4] + rgba[p * 4 + 1] + rgba[p * 4 + 2]) / 3));
  }
  return out;
}
