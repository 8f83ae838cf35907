// A realistic script other services' tests can share: three people in a local chat talk about
// a coworking space. Valid, no warnings, uses nested spintax, every variable kind and branches.
import type { RoleAccount } from './plan-schema';
import type { RenderContext } from './render-context';
import type { Script, ScriptLine } from './schema';

const lines: ScriptLine[] = [
  {
    role: 1,
    text: '{Hi|Hello|Hey} {everyone|all}! {Does anyone in {{chat.title}}|Anybody here} {know|recommend} a {good|decent|quiet} coworking {nearby|in the centre}? {Working from home is driving me crazy|My flat is too noisy for calls}{ :)|}',
    delay: { min: 5, max: 60 },
    replyTo: { kind: 'none' },
    typing: 6,
  },
  {
    role: 2,
    text: '{{{role.1.first_name}}, {try|check out}|{Try|Check out}} {{campaign.name}}{!|.} {I have been going there for {a couple of months|half a year}|I work there {almost every day|three days a week}}{, {really|pretty} happy with it|}.',
    delay: { min: 40, max: 120 },
    replyTo: { kind: 'previous' },
    typing: 8,
  },
  {
    role: 3,
    text: "{Isn't it|Is it not} {expensive|pricey}? {Last time I checked|As far as I remember}, coworkings {around here|in our area} {cost a fortune|were not cheap}.",
    delay: { min: 60, max: 180 },
    replyTo: { kind: 'line', line: 2 },
    typing: 7,
  },
  {
    role: 2,
    text: '{Not really|Honestly, no}: {there is a day pass|they have day passes} and {monthly plans|a monthly plan} {with a fixed desk|{for|with} a hot desk}. {Coffee and meeting rooms are included|Meeting rooms and coffee come with it}.',
    delay: { min: 30, max: 90 },
    replyTo: { kind: 'previous' },
    typing: 10,
  },
  {
    role: 1,
    text: '{Sounds good|Nice}{!|.} {What about|And} {the internet|the Wi-Fi}? I {do a lot of|have many} video calls.',
    delay: { min: 45, max: 150 },
    replyTo: { kind: 'none' },
    typing: 5,
  },
  {
    role: 2,
    text: '{Fast and stable|Never had problems with it}, {and|plus} there are {phone|call} booths for calls{, so you do not bother anyone|}.',
    delay: { min: 30, max: 100 },
    replyTo: { kind: 'line', line: 5 },
    typing: 6,
  },
  {
    role: 3,
    text: '@{{role.2.username}} {okay|alright}, you {sold it|convinced me}{ :)|}. {Is there a free trial|Can I try it first}?',
    delay: { min: 60, max: 240 },
    replyTo: { kind: 'previous' },
    typing: 5,
  },
  {
    role: 2,
    text: '{Yes|Sure}, {the first day|the first visit} is free{ \u2014 just {book|reserve} it on their site|}. {See you there|Maybe see you there}{, {{role.3.first_name}}|}!',
    delay: { min: 30, max: 120 },
    replyTo: { kind: 'previous' },
    typing: 6,
  },
];

/** 3 roles, 8 lines, 2 branches; valid with no warnings. */
export const coworkingScript: Script = {
  name: 'Coworking: neighbours recommend a space',
  language: 'en',
  roles: [
    { index: 1, name: 'Asker', description: 'Works from home, looking for a place' },
    { index: 2, name: 'Regular', description: 'Goes to the coworking, recommends it' },
    { index: 3, name: 'Sceptic', description: 'Worries about the price, then is convinced' },
  ],
  lines,
  branches: [
    {
      id: 'price',
      afterLine: 3,
      trigger: { kind: 'keywords', words: ['price', 'how much', 'cost'] },
      role: 2,
      reply: {
        kind: 'lines',
        texts: [
          '{A day pass|The day pass} is {about|around} the price of two {coffees|lunches}; {monthly works out cheaper|the monthly plan is cheaper per day}.',
          'Prices are on their site, {but|though} {the first day is free|you can try a day for free}.',
        ],
      },
      maxPerChat: 1,
      delay: { min: 20, max: 60 },
    },
    {
      id: 'anything-else',
      afterLine: 5,
      trigger: { kind: 'any' },
      role: 1,
      reply: {
        kind: 'llm',
        instruction:
          'Answer briefly and casually as someone who is also choosing a coworking. Do not push; if asked for prices, say they are on the website.',
      },
      maxPerChat: 2,
      delay: { min: 30, max: 90 },
    },
  ],
};

/**
 * The same dialogue with an A/B ending: chats in group A ask about a trial (lines 7-8),
 * chats in group B ask about parking (lines 9-10). A chat gets 8 lines either way.
 */
export const coworkingAbScript: Script = {
  ...coworkingScript,
  name: 'Coworking: neighbours recommend a space (A/B ending)',
  lines: [
    ...lines.slice(0, 6),
    ...lines.slice(6).map((line) => ({ ...line, variant: 'A' })),
    {
      role: 3,
      text: '{Okay|Alright}, {and|but} is there {parking|somewhere to leave a car}? I {drive|come by car} {most days|every day}.',
      delay: { min: 60, max: 240 },
      replyTo: { kind: 'previous' },
      typing: 5,
      variant: 'B',
    },
    {
      role: 2,
      text: '{Yes|There is}, {a small car park|an underground garage} {right next to it|in the same building}{, free for members|}.',
      delay: { min: 30, max: 120 },
      replyTo: { kind: 'previous' },
      typing: 6,
      variant: 'B',
    },
  ],
};

/** Accounts for the three roles, all with usernames (line 7 mentions role 2's). */
export const coworkingMapping: Record<number, RoleAccount> = {
  1: { accountId: 'acc-anna', first_name: 'Anna', last_name: 'Petrova', username: 'anna_p' },
  2: { accountId: 'acc-max', first_name: 'Max', username: 'max.works' },
  3: { accountId: 'acc-olga', first_name: 'Olga', last_name: 'Sidorova', username: 'olga_s' },
};

export const coworkingCampaign = { name: 'Hive Coworking' };

export const coworkingChats = [
  { chatId: '-1001000000001', title: 'Riverside Neighbours' },
  { chatId: '-1001000000002', title: 'Freelancers of the City' },
  { chatId: '-1001000000003', title: 'Remote Workers Hub' },
  { chatId: '-1001000000004', title: 'Startup Breakfast' },
  { chatId: '-1001000000005', title: 'Digital Nomads Local' },
];

/** A preview context matching the mapping, for editor-style tests. */
export const coworkingContext: RenderContext = {
  chat: { title: 'Riverside Neighbours' },
  campaign: coworkingCampaign,
  roles: coworkingMapping,
};
