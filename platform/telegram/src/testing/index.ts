export {
  telegramContract,
  type ContractChat,
  type ContractFault,
  type ContractFixture,
  type ContractUser,
  type ContractWorld,
} from './contract';
