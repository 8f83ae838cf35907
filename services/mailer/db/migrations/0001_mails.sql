-- Every mail the mailer handled: the log for SMTP, and the inbox itself in captured mode.
CREATE TABLE mails (
  id uuid PRIMARY KEY,
  -- The MailRequested event it came from: one row per request, however often it is retried.
  event_id text NOT NULL UNIQUE,
  recipient text NOT NULL,
  template text NOT NULL,
  locale text NOT NULL,
  subject text NOT NULL,
  transport text NOT NULL CHECK (transport IN ('smtp', 'captured')),
  status text NOT NULL CHECK (status IN ('sent', 'captured', 'failed')),
  attempts integer NOT NULL DEFAULT 1,
  last_error text,
  requested_by text NOT NULL,
  message_id text,
  -- Bodies are kept for the captured inbox only.
  html_body text,
  text_body text,
  highlight text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX mails_recipient_idx ON mails (recipient, created_at DESC);
CREATE INDEX mails_created_idx ON mails (created_at DESC);
