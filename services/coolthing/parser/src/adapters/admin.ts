import { ParserAssignmentSchema } from '@switchyard/contracts/coolthing-admin';
import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import { AccountsApiClient } from '@switchyard/telegram/accounts-api';
import type { Assignment } from '../domain/assignment';
import { NotAParser, type ParserAdmin } from '../ports/admin';

const answered = (err: unknown, status: number) => err instanceof ServiceCallError && err.status === status;

/** The admin's shared internal account API, and the parser assignment only this service reads. */
export class HttpParserAdmin extends AccountsApiClient implements ParserAdmin {
  constructor(private readonly service: () => ServiceClient) {
    super(service, { serviceName: 'coolthing-parser' });
  }

  async assignment(accountId: string): Promise<Assignment> {
    try {
      const { data } = await this.service().get(
        `/internal/parser-assignments/${encodeURIComponent(accountId)}`,
        {
          schema: ParserAssignmentSchema,
        },
      );
      return data;
    } catch (err) {
      if (answered(err, 404)) throw new NotAParser(accountId, 'the admin does not know the account');
      if (answered(err, 409)) throw new NotAParser(accountId, 'the account is not a parser account');
      throw err;
    }
  }
}
