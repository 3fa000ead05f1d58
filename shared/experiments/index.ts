export * from './types';
export * from './paths';
export * from './expand';
export * from './results';
