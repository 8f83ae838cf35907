import { describe } from 'vitest';
import { infraUrl } from '@switchyard/testing';
import { MemoryCache } from './memory';
import { RedisCache } from './redis';
import { cacheContract } from './testing';

cacheContract('memory', () => new MemoryCache());

const url = infraUrl('REDIS_URL');
if (url) cacheContract('redis', () => RedisCache.connect(url));
else describe.skip('cache contract: redis (skipped: REDIS_URL not set)', () => {});
