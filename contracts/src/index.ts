export * from './platform';
export * from './identity';
export * from './mail';
export * from './cinema';
export * from './telegram';
export * from './coolthing';
export * from './coolthing-admin';
