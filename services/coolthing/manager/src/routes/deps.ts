import type { ManagerInfra } from '../app/deps';
import type { LeadOperations } from '../app/operators';

/** What route handlers receive. */
export interface Deps extends ManagerInfra {
  leads: LeadOperations;
}
