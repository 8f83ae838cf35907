import { catalogueSuite } from './suites/catalogue.suite';
import { pglite } from './suites/target';

catalogueSuite(pglite);
