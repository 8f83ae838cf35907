export { startFakeOpenAi, type FakeOpenAi, type FakeBehaviour, type RecordedCompletion } from './fake-openai';
