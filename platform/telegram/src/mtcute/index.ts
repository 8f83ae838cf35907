export { MtcuteTelegramGateway, type MtcuteGatewayOptions } from './gateway';
export { MtcuteAccount } from './account';
export { transportFor, messageOf, chatOf, userOf, mtcuteError } from './mapping';
