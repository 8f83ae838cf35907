export * from './verifier';
