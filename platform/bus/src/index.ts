export * from './define';
export * from './envelope';
export * from './transport';
export * from './bus';
export * from './outbox';
export * from './observe';
export { busMigrations, type BusTables } from './sql';
export { MemoryBroker, MemoryTransport } from './memory';
export { RabbitTransport, type RabbitTransportOptions } from './rabbitmq';
