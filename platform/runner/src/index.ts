export { startEmbedded, type EmbeddedOptions, type EmbeddedSystem } from './embedded';
export { startDistributed, type DistributedOptions, type DistributedSystem } from './distributed';
export { plan } from './plan';
