export { GrammyBotNotifier, botError, type BotNotifier, type GrammyNotifierOptions } from './notifier';
