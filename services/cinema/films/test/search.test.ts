import { searchSuite } from './suites/search.suite';
import { pglite } from './suites/target';

searchSuite(pglite);
