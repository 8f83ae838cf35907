export * from './platform';
export * from './identity';
export * from './mail';
