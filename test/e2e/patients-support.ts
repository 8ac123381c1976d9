import { eq } from 'drizzle-orm';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { memberships, type Role, users } from '../../src/db/schema/index.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import type { TestServer } from '../helpers/server.ts';
import { heading, newContext, PASSWORD, setUpViaApi, signIn } from './support.ts';

/** Helpers of the clinical browser tests (patients, referrals, intake): seeding through the API and database. */

/** The JSON API with a signed-in context's cookies and its CSRF token. */
export class Api {
  private constructor(
    readonly request: APIRequestContext,
    readonly url: string,
    private readonly csrf: string,
  ) {}

  static async of(context: BrowserContext, url: string): Promise<Api> {
    const me = await context.request.get(`${url}/api/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    return new Api(context.request, url, csrfToken);
  }

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    data?: unknown,
  ) {
    const response = await this.request.fetch(`${this.url}${path}`, {
      method,
      data,
      headers: { 'x-csrf-token': this.csrf },
    });
    const body = (await response.json().catch(() => null)) as T;
    if (response.status() >= 400)
      throw new Error(`${method} ${path}: ${response.status()} ${JSON.stringify(body)}`);
    return body;
  }
}

/** A clinic set up through the API, with the owner signed in in `context`. */
export async function clinicWithOwner(
  browser: Browser,
  server: TestServer,
  viewport = { width: 1280, height: 900 },
) {
  const context = await newContext(browser, { viewport });
  const clinicId = await setUpViaApi(context, server.url);
  const api = await Api.of(context, server.url);
  return { context, clinicId, api };
}

/** A person with a role in the clinic, created straight in the database (fast). */
export async function addPerson(
  server: TestServer,
  clinicId: string,
  role: Role,
  email: string,
  displayName: string,
): Promise<string> {
  const userId = uuidv7();
  await server.database.db
    .insert(users)
    .values({ id: userId, email, displayName, passwordHash: await hashPassword(PASSWORD) });
  await server.database.db.insert(memberships).values({ clinicId, userId, role });
  return userId;
}

export async function userIdOf(server: TestServer, email: string): Promise<string> {
  const [row] = await server.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

/** Signs in through the sign-in page and waits for the home page. */
export async function signInAs(page: Page, url: string, email: string, firstName: string): Promise<void> {
  await signIn(page, url, email);
  await heading(page, `Welcome, ${firstName}`).waitFor();
}

/** Waits until every "Loading…" status of the page is gone. */
export async function settled(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
}
