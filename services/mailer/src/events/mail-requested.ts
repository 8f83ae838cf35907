import { MailRequested } from '@switchyard/contracts/mail';
import { on, type Logger, type SubscriptionSpec } from '@switchyard/kit';
import type { MailSender } from '../ports/mail-sender';
import type { MailsRepository } from '../repositories/mails';
import { renderMail, type RenderContext } from '../templates';

export interface MailHandlerDeps {
  sender: MailSender;
  mails: MailsRepository;
  render: RenderContext;
  clock: () => Date;
  log: Logger;
  retry: { attempts: number; initialDelayMs: number };
}

/**
 * Renders and sends each requested mail. Not transactional: an SMTP conversation must not hold
 * a database transaction open. The mail log, keyed by event id, keeps a redelivery from
 * sending the same mail twice.
 */
export function mailRequests(deps: MailHandlerDeps): SubscriptionSpec {
  return {
    name: 'mail_requests',
    transactional: false,
    prefetch: 10,
    retry: { ...deps.retry, factor: 4 },
    handlers: [
      on(MailRequested, async (request, hctx) => {
        const eventId = hctx.envelope.id;
        const done = await deps.mails.byEvent(eventId);
        if (done && done.status !== 'failed') return;
        const rendered = renderMail(request.template, request.locale, request.variables, deps.render);
        const record = {
          eventId,
          to: request.to,
          template: request.template,
          locale: request.locale,
          subject: rendered.subject,
          transport: deps.sender.transport,
          requestedBy: request.requestedBy,
        };
        let result;
        try {
          result = await deps.sender.send({ to: request.to, ...rendered });
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await deps.mails.recordFailure(record, message, deps.clock());
          throw err;
        }
        await deps.mails.recordDelivered(
          record,
          { messageId: result.messageId, body: deps.sender.keepsBody ? rendered : null },
          deps.clock(),
        );
        deps.log.info(
          { template: request.template, transport: deps.sender.transport, eventId },
          'mail delivered',
        );
      }),
    ],
  };
}
