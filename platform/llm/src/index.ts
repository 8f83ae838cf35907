export * from './port';
export { OpenAiCompatibleLlm, type OpenAiCompatibleOptions } from './openai';
export { OfflineLlm, type Composer } from './offline';
