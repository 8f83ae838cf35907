import type { MailSender } from '../ports/mail-sender';
import type { MailsRepository } from '../repositories/mails';

export interface RouteDeps {
  mails: MailsRepository;
  sender: MailSender;
}
