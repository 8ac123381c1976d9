import { isNull } from 'drizzle-orm';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { describedText, heading, launchBrowser, newContext, OWNER, setUpViaApi, signIn } from './support.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  context = await newContext(browser);
  await setUpViaApi(context, server.url);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signOut = async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in').waitFor();
};

describe('two-factor sign-in', () => {
  it('enrols in My account, then sign-in asks for the code and refuses a wrong one', async () => {
    await page.goto(`${server.url}/account`);
    await heading(page, 'My account').waitFor();
    await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
    await heading(page, 'Set up two-factor sign-in').waitFor();
    await page.getByRole('button', { name: 'Begin set-up' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByRole('img', { name: /QR code/ }).getAttribute('src')).toMatch(
      /^data:image\/png;base64,/,
    );

    await page.getByLabel('6-digit code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const recoveryCodes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    expect(recoveryCodes).toHaveLength(10);

    await signOut();
    expect(await page.getByText('You are signed out.').count()).toBe(1);
    await signIn(page, server.url, OWNER.email);
    await heading(page, 'Two-factor sign-in').waitFor();
    const code = await generate({ secret });
    const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('6-digit code').fill(wrong);
    await page.getByLabel('6-digit code').press('Enter');
    await page.getByText('That code is not correct').waitFor();
    expect(await page.getByLabel('6-digit code').getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, '6-digit code')).toContain('That code is not correct');
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('6-digit code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'Welcome, Olivia').waitFor();

    // A recovery code works instead of the app, once.
    await signOut();
    await signIn(page, server.url, OWNER.email);
    await heading(page, 'Two-factor sign-in').waitFor();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'Welcome, Olivia').waitFor();
    await page.goto(`${server.url}/account`);
    await page.getByText('Signing in asks for a code from your authenticator app.').waitFor();
  });

  it('a session that ends (idle timeout) sends the person back to sign-in with a notice', async () => {
    await page.goto(`${server.url}/members`);
    await heading(page, 'Members').waitFor();
    // Let the page's own requests finish first, so the click below is what meets the ended session.
    await page.getByRole('row', { name: /Olivia Owner/ }).waitFor();
    await page.getByText('No pending invitations').waitFor();
    // What the idle timeout does on the server: the session stops working.
    await server.database.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(isNull(sessions.revokedAt));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await heading(page, 'Sign in').waitFor();
    await page.getByText('You were signed out after a period of inactivity').waitFor();
  });
});
