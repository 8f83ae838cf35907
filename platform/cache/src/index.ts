export * from './cache';
export { MemoryCache } from './memory';
export { RedisCache } from './redis';
