export * from './port';
export * from './errors';
export * from './reasons';
export { errorFromRpcText, toTelegramError, type RpcErrorLike } from './rpc-errors';
export { parsePeerRef, type ParsedPeerRef } from './peer-ref';
export { MessageHub } from './hub';
