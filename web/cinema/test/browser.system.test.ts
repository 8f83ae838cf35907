import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { registry } from '../../../services/registry';

// The Cinema web app in Debian's chromium against the real system in embedded mode: register,
// read the code from the captured inbox, verify, sign in, rate, comment, moderate as the owner.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP = join(ROOT, 'web', 'cinema');
const SHOTS = join(ROOT, 'test-artifacts', 'cinema');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OWNER = { email: 'owner@example.com', password: 'owner password for tests' };
const USER = {
  firstName: 'Nora',
  lastName: 'Tester',
  email: `nora.${Date.now()}@example.com`,
  password: 'a long enough password',
};
const COMMENT = `Loved the docking scene — browser test ${Date.now()}`;

let system: EmbeddedSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let filmPath: string;
let publicPath: string;
const problems: string[] = [];

/** Newest modification time under a folder (to rebuild a stale bundle). */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function buildIfNeeded(): void {
  const index = join(APP, 'dist', 'index.html');
  const sources = Math.max(
    newest(join(APP, 'src')),
    newest(join(APP, 'index.html')),
    newest(join(APP, 'vite.config.ts')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const result = spawnSync('npm', ['run', 'build', '-w', 'web/cinema'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web/cinema build failed:\n${result.stdout}\n${result.stderr}`);
}

/** A small valid PNG (the films service checks the signature), drawn here rather than shipped. */
function posterPng(): Buffer {
  const { deflateSync, crc32 } = zlib;
  const width = 40;
  const height = 60;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([200 - y * 2, 60 + x * 3, 90 + y], at + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Pages take a moment: every check waits up to 15 s. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** A full-page screenshot from the top (a sticky header would otherwise land mid-page). */
async function shot(name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function inboxOf(email: string) {
  const res = await fetch(`${base}/api/mail/inbox?to=${encodeURIComponent(email)}`);
  return (await res.json()) as { total: number; items: { subject: string; highlight: string | null }[] };
}

/** The code of the newest mail to `email`, once more than `seen` mails have arrived. */
async function latestCode(email: string, seen = 0): Promise<string> {
  // Up to 30 s: the mail goes identity → outbox → bus → mailer, slow on a loaded machine.
  for (let i = 0; i < 300; i++) {
    const inbox = await inboxOf(email);
    const code = inbox.items[0]?.highlight;
    if (inbox.total > seen && code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new code mailed to ${email}`);
}

async function signIn(email: string, password: string) {
  await page.goto(`${base}/cinema/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await poll(() => page.locator('.user-chip').count()).toBe(1);
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await poll(() => page.locator('.user-chip').count()).toBe(0);
}

/** Debian's chromium; without it the suite is skipped with a note, except in CI (SWITCHYARD_REQUIRE_INFRA=1). */
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.SWITCHYARD_REQUIRE_INFRA === '1')
  throw new Error(`${CHROMIUM} is required for the browser test: apt-get install -y chromium`);
const suite = hasChromium ? describe : describe.skip;

suite(`cinema web app in a real browser${hasChromium ? '' : ` (skipped: ${CHROMIUM} not installed)`}`, () => {
  beforeAll(async () => {
    buildIfNeeded();
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    const ids = ['gateway', 'identity', 'mailer', 'cinema/films'];
    system = await startEmbedded({
      entries: registry.filter((e) => ids.includes(e.id)),
      ports: 'auto',
      env: {
        LOG_LEVEL: 'warn',
        WEB_DIR: join(ROOT, 'web'),
        OWNER_EMAIL: OWNER.email,
        OWNER_PASSWORD: OWNER.password,
        DEMO_USERS: 'false',
        // The flow asks for several codes within a minute (verify, resend, reset).
        IDENTITY_CODES_PER_MINUTE: '10',
      },
    });
    base = system.gatewayUrl!;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      // A refused request shows as "Failed to load resource"; anything else (a CSP refusal, an
      // exception) is a bug.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
        problems.push(msg.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows the catalogue, filters it through the URL and searches', async () => {
    await page.goto(`${base}/cinema/`);
    await poll(() => page.locator('.grid .card').count()).toBeGreaterThan(10);
    await poll(() => page.getByRole('heading', { name: /\d+ films/ }).count()).toBe(1);
    await shot('01-home');

    // Scrolling to the end loads the next page by cursor (the button stays for keyboards).
    const firstPage = await page.locator('.grid .card').count();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await poll(() => page.locator('.grid .card').count()).toBeGreaterThan(firstPage);

    await page.getByLabel('Genre').selectOption('Drama');
    await page.getByLabel('Sort by').selectOption('year');
    await poll(() => new URL(page.url()).searchParams.get('genre')).toBe('Drama');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('year');
    await poll(() => page.locator('.grid .card').count()).toBeGreaterThan(5);
    await shot('02-filters');

    // The filters come back from the URL alone.
    await page.reload();
    await poll(() => page.getByLabel('Genre').inputValue()).toBe('Drama');

    await page.goto(`${base}/cinema/`);
    await page.getByLabel('Search films').fill('space astronaut');
    await page.getByRole('switch', { name: /Smart search/ }).check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await poll(() => page.getByTestId('search-mode').textContent()).toMatch(/Ranked by/);
    expect(new URL(page.url()).searchParams.get('smart')).toBe('1');
    await shot('03-smart-search');
  });

  it('registers, verifies with the mailed code, and signs in again', async () => {
    await page.goto(`${base}/cinema/`);
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByLabel('First name').fill(USER.firstName);
    await page.getByLabel('Last name').fill(USER.lastName);
    await page.getByLabel('Email').fill(USER.email);
    await page.getByLabel('Password').fill(USER.password);
    await shot('04-register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/cinema/verify');
    await poll(() => page.getByRole('heading', { name: 'Verify your email' }).count()).toBe(1);

    // Elsewhere a banner reminds the unverified user.
    await page.getByRole('link', { name: 'Films' }).click();
    await poll(() => page.getByText('Your email address is not verified yet').count()).toBe(1);
    await shot('05-not-verified-banner');
    await page.getByRole('link', { name: 'Enter the code' }).click();
    await page.waitForURL('**/cinema/verify');

    // A new code replaces the first; the button then waits before it can ask again.
    const seen = (await inboxOf(USER.email)).total;
    expect(seen).toBe(1);
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await poll(() => page.getByText(`A new code is on its way to ${USER.email}`).count()).toBe(1);
    expect(await page.getByRole('button', { name: /Send a new code \(\d+ s\)/ }).isDisabled()).toBe(true);

    const code = await latestCode(USER.email, seen);
    expect(code).toMatch(/^\d{6}$/);
    const inbox = await context.newPage();
    await inbox.goto(`${base}/api/mail/inbox/view?to=${encodeURIComponent(USER.email)}`);
    expect(await inbox.content()).toContain(code);
    await inbox.screenshot({ path: join(SHOTS, '06-mail-inbox.png'), fullPage: true });
    await inbox.close();

    await page.getByLabel('Code').fill(code);
    await shot('07-verify');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/cinema\/?$/);
    await poll(() => page.getByText('Your email is verified').count()).toBe(1);

    await signOut();
    await signIn(USER.email, USER.password);
    await shot('08-signed-in');
  });

  it('rates a film with half stars, marks it and comments on it', async () => {
    await page.locator('.grid .card a').first().click();
    await page.waitForURL('**/cinema/films/**');
    filmPath = new URL(page.url()).pathname;
    await poll(() => page.getByRole('radiogroup', { name: 'Rate this film' }).count()).toBe(1);
    await shot('09-film');

    await page.locator('label', { hasText: '4.5 stars' }).click();
    await poll(() => page.getByTestId('average-rating').textContent()).toBe('4.5');
    await poll(() => page.getByText('Your rating').count()).toBe(1);

    await page.getByRole('button', { name: 'Add to favourites' }).click();
    await poll(() => page.getByRole('button', { name: 'In favourites' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.getByLabel('Watch status').selectOption('planned');
    await poll(() => page.getByLabel('Watch status').isDisabled()).toBe(false);
    await shot('10-rated');

    await page.getByLabel('Your comment').fill(COMMENT);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await poll(() => page.locator('.comment__text', { hasText: COMMENT }).count()).toBe(1);

    // One level of replies, and the author edits their own words.
    const thread = page.locator('.thread', { hasText: COMMENT });
    await thread.locator('.comment').first().getByRole('button', { name: 'Reply' }).click();
    await page.getByLabel('Reply to Nora').fill('Replying to myself, as one does.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    await poll(() => thread.locator('.replies .comment__text').textContent()).toBe(
      'Replying to myself, as one does.',
    );
    await thread.locator('.comment').first().getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Edit comment').fill(`${COMMENT} (and the music)`);
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => thread.locator('.comment').first().getByText('edited').count()).toBe(1);

    // It is stored: a fresh load shows it, with the rating and lists kept.
    await page.reload();
    await poll(() => page.locator('.comment__text', { hasText: COMMENT }).count()).toBe(1);
    await poll(() => page.getByTestId('average-rating').textContent()).toBe('4.5');
    expect(await page.getByLabel('Watch status').inputValue()).toBe('planned');
    await shot('11-commented');

    await page.goto(`${base}/cinema/profile/favourites`);
    await poll(() => page.locator('.grid .card').count()).toBe(1);
    await shot('12-profile-favourites');
    await page.getByRole('link', { name: 'Watch lists' }).click();
    await page.getByRole('link', { name: 'Planned' }).click();
    await poll(() => page.locator('.grid .card').count()).toBe(1);
    await page.getByRole('link', { name: 'Watching' }).click();
    await poll(() => page.getByText('Nothing here yet.').count()).toBe(1);
  });

  it('edits the profile, makes it public, and lists the sessions', async () => {
    await page.goto(`${base}/cinema/profile`);
    await page.getByLabel('Last name').fill('Testova');
    await page.getByRole('switch', { name: /Public profile/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByText('Saved.').count()).toBe(1);
    await poll(() => page.getByRole('heading', { name: 'Nora Testova' }).count()).toBe(1);
    await shot('13-profile-account');
    publicPath = new URL(
      await page
        .getByRole('link', { name: 'Your public page' })
        .evaluate((a) => (a as HTMLAnchorElement).href),
    ).pathname;

    await page.getByRole('link', { name: 'Security' }).click();
    await poll(() => page.getByText('This browser').count()).toBe(1);
    await shot('14-profile-security');
    await signOut();

    // A guest sees the public page with the favourite and the new name.
    await page.goto(`${base}${publicPath}`);
    await poll(() => page.getByRole('heading', { name: 'Nora Testova' }).count()).toBe(1);
    await poll(() => page.locator('.grid .card').count()).toBe(1);
    await shot('15-public-profile');
  });

  it('resets a forgotten password and changes the email, each with a mailed code', async () => {
    await page.goto(`${base}/cinema/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in page has an Email field too: fill the reset page's, once it is there.
    await page.waitForURL('**/cinema/reset-password**');
    await page.getByRole('button', { name: 'Send code' }).waitFor();
    await page.getByLabel('Email').fill(USER.email);
    const seen = (await inboxOf(USER.email)).total;
    await page.getByRole('button', { name: 'Send code' }).click();
    const code = await latestCode(USER.email, seen);
    USER.password = 'a brand new long password';
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('New password').fill(USER.password);
    await page.getByLabel('Repeat the password').fill(USER.password);
    await shot('16-reset-password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL('**/cinema/login?email=*');
    await poll(() => page.getByText('Your password is changed').count()).toBe(1);
    expect(await page.getByLabel('Email').inputValue()).toBe(USER.email);
    await page.getByLabel('Password', { exact: true }).fill(USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => page.locator('.user-chip').count()).toBe(1);

    // Change the email: the code goes to the new address.
    const newEmail = USER.email.replace('nora.', 'nora.new.');
    await page.goto(`${base}/cinema/profile/security`);
    await page.getByLabel('New email').fill(newEmail);
    await page.locator('#email-title').locator('..').getByLabel('Password').fill(USER.password);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code').fill(await latestCode(newEmail));
    await page.getByRole('button', { name: 'Confirm new email' }).click();
    await poll(() => page.getByText(`Your email is now ${newEmail}`).count()).toBe(1);
    USER.email = newEmail;
    await signOut();
  });

  it('lets the owner hide the comment, and the public page stays readable with a stale token', async () => {
    await signIn(OWNER.email, OWNER.password);
    await page.goto(`${base}${filmPath}`);
    const comment = page.locator('.comment', { hasText: COMMENT });
    await poll(() => comment.count()).toBe(1);
    await comment.getByRole('button', { name: 'Hide' }).click();
    await poll(() => comment.getByText('Hidden by a moderator').count()).toBe(1);
    await shot('17-owner-hid-comment');

    await page.goto(`${base}/cinema/admin/films/new`);
    await poll(() => page.getByRole('heading', { name: 'Add a film' }).count()).toBe(1);
    await shot('18-admin-new-film');

    // Edit: a cleared field is cleared (the original could never null a field), and a poster goes up.
    await page.goto(`${base}${filmPath}`);
    await page.getByRole('link', { name: 'Edit film' }).click();
    await poll(() => page.getByLabel('Tagline').inputValue()).not.toBe('');
    await page.getByLabel('Tagline').fill('');
    await page.getByLabel('YouTube trailer id').fill('dQw4w9WgXcQ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await poll(() => page.getByText('Saved.').count()).toBe(1);
    await page
      .getByLabel('Poster image')
      .setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: posterPng() });
    await poll(() => page.locator('.poster-editor img').getAttribute('src')).toMatch(/^blob:/);
    await shot('19-admin-edit-preview');
    await page.getByRole('button', { name: 'Upload poster' }).click();
    await poll(() => page.getByText('Poster uploaded.').count()).toBe(1);
    await page.goto(`${base}${filmPath}`);
    await poll(() => page.locator('.film__poster img').getAttribute('src')).toMatch(/\/posters\/.+\.png$/);
    expect(await page.locator('.film__tagline').count()).toBe(0);
    expect(await page.locator('iframe').getAttribute('src')).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    );
    await signOut();

    // A guest no longer reads the hidden text.
    await page.goto(`${base}${filmPath}`);
    await poll(() => page.locator('.comment__author').count()).toBeGreaterThan(0);
    expect(await page.locator('.comment__text', { hasText: COMMENT }).count()).toBe(0);

    // A token that is no longer any good must not break public pages (the original answered 401).
    await page.evaluate(() => {
      sessionStorage.setItem('cinema.access', 'eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.bm90LWEtc2lnbmF0dXJl');
      localStorage.setItem('cinema.session', '1');
    });
    await page.reload();
    await poll(() => page.locator('.film__title').count()).toBe(1);
    await poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => sessionStorage.getItem('cinema.access'))).toBeNull();
  });

  it('switches the interface to Russian and remembers it', async () => {
    await page.goto(`${base}/cinema/`);
    await page.getByRole('button', { name: 'Русский' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Фильмы');
    await page.reload();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Фильмы');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await shot('20-home-ru');
    await page.goto(`${base}${filmPath}`);
    await poll(() => page.getByRole('heading', { name: 'Подробности' }).count()).toBe(1);
    await shot('21-film-ru');
  });

  it('looks right in the dark colour scheme, with no script or CSP errors anywhere', async () => {
    const dark = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      colorScheme: 'dark',
      locale: 'en-US',
    });
    dark.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await dark.goto(`${base}/cinema/`);
    await dark.getByRole('button', { name: 'English' }).click();
    await poll(() => dark.locator('.grid .card').count()).toBeGreaterThan(10);
    await dark.screenshot({ path: join(SHOTS, '22-home-dark.png') });
    await dark.goto(`${base}${filmPath}`);
    await poll(() => dark.locator('.film__title').count()).toBe(1);
    await dark.screenshot({ path: join(SHOTS, '23-film-dark.png'), fullPage: true });
    await dark.close();
    expect(problems).toEqual([]);
  });
});
