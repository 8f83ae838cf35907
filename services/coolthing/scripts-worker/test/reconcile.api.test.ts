import { describe, expect, it } from 'vitest';
import { TelegramUnknownError, type TelegramAccount } from '@switchyard/telegram';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { workerHarness, type TestChat } from './harness';
import { shortScript } from './support';

/** Line 4 of the short script answers line 2, line 5 answers line 4. */
const CAUGHT = 4;

describe('scripts-worker: a line caught between its send and its record', () => {
  const h = workerHarness();
  const { accounts, newChats, startWorker, posted, expectPlayedOnce, of, finishedOf } = h;

  /**
   * What a worker that died while sending line `CAUGHT` leaves behind: the lines before it
   * sent (by the accounts, in the chat) and recorded, the caught line claimed (`sending`)
   * and, when `reachedChat`, in the chat too.
   */
  async function diedSending(runId: string, chat: TestChat, reachedChat: boolean) {
    const plan = h.fellows.plan(runId, shortScript, [chat], accounts);
    const db = await h.workerDb();
    await db.insertInto('runs').values({ sfc_id: runId, attempts: 1 }).execute();
    const gateway = new SandboxTelegramGateway({ baseUrl: h.sandboxUrl });
    const ids = new Map<number, number>();
    try {
      for (const line of plan.chats[0]!.lines.slice(0, CAUGHT)) {
        const caught = line.lineNo === CAUGHT;
        const row = {
          sfc_id: runId,
          chat_id: chat.chatId,
          line_no: line.lineNo,
          account_id: line.accountId,
          planned_at: new Date(),
        };
        if (caught)
          await db
            .insertInto('lines')
            .values({ ...row, state: 'sending' })
            .execute();
        if (caught && !reachedChat) break;
        const fake = accounts.find((a) => a.accountId === line.accountId)!;
        const account = await gateway.connect({ accountId: fake.accountId, session: fake.session });
        await account.join(chat.ref);
        const replyTo = line.replyTo.kind === 'none' ? undefined : ids.get(line.replyTo.lineNo);
        const sent = await account.sendMessage(chat.telegramId, line.text, replyTo ? { replyTo } : {});
        ids.set(line.lineNo, sent.id);
        if (!caught)
          await db
            .insertInto('lines')
            .values({
              ...row,
              state: 'sent',
              telegram_message_id: sent.id,
              reply_to_message_id: replyTo ?? null,
              sent_at: new Date(),
            })
            .execute();
      }
    } finally {
      await gateway.close();
    }
    return { lines: plan.chats[0]!.lines, ids };
  }

  const lineState = async (runId: string, lineNo: number) =>
    (await h.workerDb())
      .selectFrom('lines')
      .select(['state', 'telegram_message_id'])
      .where('sfc_id', '=', runId)
      .where('line_no', '=', lineNo)
      .executeTakeFirstOrThrow();

  it('records a caught line the chat shows as sent, with its message, and never sends it again', async () => {
    const [chat] = await newChats(1);
    const { lines, ids } = await diedSending('run-there', chat!, true);
    const { exited } = await startWorker('run-there', 2);
    expect(await exited).toBe(0);
    await finishedOf('run-there');
    const messages = await expectPlayedOnce(
      chat!,
      lines.map((l) => l.text),
    );
    // The message already in the chat is the line's: later replies thread to it.
    expect(messages[CAUGHT - 1].id).toBe(ids.get(CAUGHT));
    expect(await lineState('run-there', CAUGHT)).toEqual({
      state: 'sent',
      telegram_message_id: ids.get(CAUGHT),
    });
    const sent = of('run-there', 'ScriptLineSent');
    expect(sent.map((e) => e.payload.line_no)).toEqual([4, 5, 6]);
    expect(sent[0]!.payload).toMatchObject({
      telegram_message_id: ids.get(CAUGHT),
      reply_to_message_id: ids.get(2),
    });
    expect(of('run-there', 'ScriptLineUnconfirmed')).toEqual([]);
    expect(of('run-there', 'ScriptFinished')[0]!.payload).toMatchObject({ status: 'done', problems: [] });
  });

  it('sends a caught line the chat does not show, once, and threads the replies to it', async () => {
    const [chat] = await newChats(1);
    const { lines } = await diedSending('run-absent', chat!, false);
    const { exited } = await startWorker('run-absent', 2);
    expect(await exited).toBe(0);
    await finishedOf('run-absent');
    const messages = await expectPlayedOnce(
      chat!,
      lines.map((l) => l.text),
    );
    expect(await lineState('run-absent', CAUGHT)).toEqual({
      state: 'sent',
      telegram_message_id: messages[CAUGHT - 1].id,
    });
    expect(of('run-absent', 'ScriptLineSent').map((e) => e.payload.line_no)).toEqual([4, 5, 6]);
    expect(of('run-absent', 'ScriptLineUnconfirmed')).toEqual([]);
    expect(of('run-absent', 'ScriptFinished')[0]!.payload).toMatchObject({ status: 'done', problems: [] });
  });

  it('keeps a caught line unconfirmed, never resent, when Telegram cannot be asked', async () => {
    const [chat] = await newChats(1);
    const { lines } = await diedSending('run-blind', chat!, false);
    const unreachable = () => ({
      ownRecentMessages: () => Promise.reject(new TelegramUnknownError(new Error('connection reset'))),
    });
    const { exited } = await startWorker('run-blind', 2, {}, unreachable);
    expect(await exited).toBe(0);
    await finishedOf('run-blind');
    const messages = await posted(chat!.telegramId);
    expect(messages.map((m: any) => m.text)).toEqual(
      lines.filter((l) => l.lineNo !== CAUGHT).map((l) => l.text),
    );
    // Line 5 answers the unconfirmed line 4: it goes out as no reply rather than a wrong one.
    expect(messages.map((m: any) => m.replyToId)).toEqual([null, messages[0].id, messages[1].id, null, null]);
    expect(await lineState('run-blind', CAUGHT)).toEqual({ state: 'unconfirmed', telegram_message_id: null });
    expect(of('run-blind', 'ScriptLineUnconfirmed').map((e) => e.payload.line_no)).toEqual([CAUGHT]);
    expect(of('run-blind', 'ScriptLineSent').map((e) => e.payload.line_no)).toEqual([5, 6]);
    const finished = of('run-blind', 'ScriptFinished')[0]!.payload;
    expect(finished.status).toBe('done');
    expect(finished.problems).toEqual([
      { chat_id: chat!.chatId, reason: 'unconfirmed', text: expect.stringContaining(`line ${CAUGHT} `) },
    ]);
  });

  it('records a send whose answer was lost as sent when the chat shows it', async () => {
    const [chat] = await newChats(1);
    const lines = h.fellows.plan('run-lost', shortScript, [chat!], accounts).chats[0]!.lines;
    const caught = lines[CAUGHT - 1]!.text;
    // Telegram gets the line, its answer never comes back.
    const answerLost = (account: TelegramAccount) => ({
      sendMessage: async (peer: string, text: string, options?: { replyTo?: number }) => {
        const sent = await account.sendMessage(peer, text, options);
        if (text === caught) throw new TelegramUnknownError(new Error('timed out'));
        return sent;
      },
    });
    const { exited } = await startWorker('run-lost', 1, {}, answerLost);
    expect(await exited).toBe(0);
    await finishedOf('run-lost');
    const messages = await expectPlayedOnce(
      chat!,
      lines.map((l) => l.text),
    );
    expect(await lineState('run-lost', CAUGHT)).toEqual({
      state: 'sent',
      telegram_message_id: messages[CAUGHT - 1].id,
    });
    expect(of('run-lost', 'ScriptLineUnconfirmed')).toEqual([]);
    expect(of('run-lost', 'ScriptFinished')[0]!.payload).toMatchObject({ status: 'done', problems: [] });
  });
});
