export { fixtureService, ItemCreated, itemsExchange } from './fixture-service';
