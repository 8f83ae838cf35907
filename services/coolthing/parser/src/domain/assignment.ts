// A parser account's work as the admin describes it, compiled for matching: one keyword
// matcher per campaign, and where each chat's messages go.
import {
  compileMatcher,
  defaultRegistry,
  DEFAULT_LANGUAGES,
  type Matcher,
} from '@switchyard/coolthing-matching';

export interface AssignedChat {
  /** The chat registry id. */
  id: string;
  link: string | null;
  username: string | null;
  telegramId: string | null;
  title: string | null;
}

export interface AssignedCampaign {
  id: string;
  name: string;
  plusKeywords: string[];
  minusKeywords: string[];
  languages: string[];
  dedupWindowSeconds: number | null;
  chats: AssignedChat[];
}

export interface Assignment {
  accountId: string;
  status: string;
  telegramUserId: string | null;
  campaigns: AssignedCampaign[];
  knownAccountUserIds: string[];
  revision: string;
}

export interface CompiledCampaign {
  id: string;
  name: string;
  matcher: Matcher;
  windowMs: number;
  chats: AssignedChat[];
}

export interface CompileOutcome {
  campaigns: CompiledCampaign[];
  /** Campaigns whose keywords do not compile (a keyword with nothing left after normalisation). */
  rejected: { campaignId: string; error: string }[];
}

/**
 * Stemming languages of a campaign: its own that have a stemmer first, then the defaults, so a
 * Russian keyword in an "en" campaign still matches its inflected forms.
 */
export function stemmingLanguages(languages: readonly string[]): string[] {
  const known = new Set(defaultRegistry().languages);
  const own = languages.map((l) => l.toLowerCase()).filter((l) => known.has(l));
  return [...new Set([...own, ...DEFAULT_LANGUAGES])];
}

/** One matcher per campaign; a campaign with a broken keyword is rejected, the others work. */
export function compileAssignment(assignment: Assignment, defaultWindowSeconds: number): CompileOutcome {
  const campaigns: CompiledCampaign[] = [];
  const rejected: CompileOutcome['rejected'] = [];
  for (const c of assignment.campaigns) {
    if (c.plusKeywords.length === 0) {
      rejected.push({ campaignId: c.id, error: 'the campaign has no plus keywords' });
      continue;
    }
    try {
      campaigns.push({
        id: c.id,
        name: c.name,
        matcher: compileMatcher({
          plus: c.plusKeywords,
          minus: c.minusKeywords,
          languages: stemmingLanguages(c.languages),
        }),
        windowMs: (c.dedupWindowSeconds ?? defaultWindowSeconds) * 1000,
        chats: c.chats,
      });
    } catch (err) {
      rejected.push({ campaignId: c.id, error: (err as Error).message });
    }
  }
  return { campaigns, rejected };
}

/** What the account tries to join for a registry chat: public username, invite link, or id. */
export function joinTarget(chat: AssignedChat): string | null {
  if (chat.username) return `@${chat.username.replace(/^@/, '')}`;
  return chat.link ?? chat.telegramId;
}
