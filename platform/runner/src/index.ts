export { startEmbedded, type EmbeddedOptions, type EmbeddedSystem } from './embedded';
export {
  startDistributed,
  type DistributedOptions,
  type DistributedSystem,
  type ServiceProcess,
} from './distributed';
export { plan } from './plan';
export { buildServiceBundle } from './bundle';
export { serviceCommand, type ServiceCommand } from './launch';
