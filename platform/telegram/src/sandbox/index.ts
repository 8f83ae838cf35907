export { SandboxTelegramGateway, type SandboxGatewayOptions } from './gateway';
