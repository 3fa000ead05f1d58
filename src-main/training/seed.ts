// Seeded randomness for a training run: the shuffle order, and tfjs's weight initialisers and dropout.
// tfjs draws the seed of every unseeded random op from Math.random (tfjs-core rand_util), so replacing
// Math.random for the duration of a run makes initial weights repeat for the same seed.

import { mulberry32 } from '../../shared/data/random';

/** Small seeded PRNG (mulberry32): same seed, same sequence. */
export const rng = mulberry32;

/**
 * Replaces Math.random with a PRNG seeded by `seed` and returns the function that puts the original
 * back. Meant for the training worker (one run per process); in-process callers must restore it.
 */
export function seedMathRandom(seed: number): () => void {
  const original = Math.random;
  // Offset so the init stream differs from the shuffle stream, which uses rng(seed) directly.
  Math.random = rng((seed ^ 0x9e3779b9) >>> 0);
  return () => {
    Math.random = original;
  };
}
