import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import { z } from 'zod';
import type { PlannedRun } from '../repositories/projection';

/** The part of the scripts service's stored plan the watcher shows (lenient: extra fields ignored). */
const planDocSchema = z.object({
  sfcId: z.string(),
  campaignId: z.string().nullable(),
  scriptId: z.string().nullable(),
  plan: z.object({
    chats: z.array(
      z.object({
        chatId: z.string(),
        title: z.string(),
        variant: z.string().nullable(),
        lines: z.array(
          z.object({
            lineNo: z.number().int(),
            role: z.number().int(),
            accountId: z.string(),
            text: z.string(),
            delayMs: z.number(),
            typingMs: z.number(),
            plannedAt: z.number(),
          }),
        ),
      }),
    ),
  }),
});

export interface PlanReader {
  plan(sfcId: string): Promise<PlannedRun | null>;
}

/** The scripts service's internal API. */
export class HttpPlanReader implements PlanReader {
  constructor(private readonly client: ServiceClient) {}

  async plan(sfcId: string): Promise<PlannedRun | null> {
    let doc;
    try {
      doc = (
        await this.client.get(`/internal/runs/${encodeURIComponent(sfcId)}/plan`, { schema: planDocSchema })
      ).data;
    } catch (err) {
      if (err instanceof ServiceCallError && err.status === 404) return null;
      throw err;
    }
    const lines = doc.plan.chats.flatMap((c) =>
      c.lines.map((l) => ({
        chatId: c.chatId,
        lineNo: l.lineNo,
        role: l.role,
        accountId: l.accountId,
        text: l.text,
        plannedAt: new Date(l.plannedAt),
      })),
    );
    const gaps = doc.plan.chats.flatMap((c) => c.lines.map((l) => l.delayMs + l.typingMs));
    return {
      sfcId,
      campaignId: doc.campaignId,
      scriptId: doc.scriptId,
      maxGapMs: gaps.length ? Math.max(...gaps) : null,
      chats: doc.plan.chats.map((c) => ({ chatId: c.chatId, title: c.title, variant: c.variant })),
      lines,
    };
  }
}
