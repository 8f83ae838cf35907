import { OfflineLlm, OpenAiCompatibleLlm, type LlmPort } from '@switchyard/llm';
import { composeOffline } from '../domain/composer';
import type { Campaign } from '../ports/campaigns';

export type LlmMode = 'auto' | 'offline';

/**
 * The model for a campaign: its LLM profile's OpenAI-compatible endpoint, or the offline
 * composer when it has none (or when the deployment forces it). Clients are reused per profile.
 */
export class LlmChooser {
  private readonly offline = new OfflineLlm(composeOffline);
  private readonly clients = new Map<string, { key: string; llm: LlmPort }>();

  constructor(
    private readonly mode: LlmMode,
    private readonly timeoutMs: number,
  ) {}

  for(campaign: Campaign): LlmPort {
    const profile = campaign.llm;
    if (this.mode === 'offline' || !profile?.baseUrl) return this.offline;
    const key = `${profile.baseUrl}\n${profile.apiKey ?? ''}`;
    const known = this.clients.get(profile.id);
    if (known && known.key === key) return known.llm;
    const llm = new OpenAiCompatibleLlm({
      baseUrl: profile.baseUrl,
      ...(profile.apiKey ? { apiKey: profile.apiKey } : {}),
      timeoutMs: this.timeoutMs,
    });
    this.clients.set(profile.id, { key, llm });
    return llm;
  }
}
