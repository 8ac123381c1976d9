import { type Command, InvalidArgumentError, Option } from 'commander';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../config.ts';
import { type Database, type Executor, openDatabase } from '../db/connection.ts';
import {
  apiTokens,
  authFailures,
  clinics,
  memberships,
  ROLES,
  type Role,
  recoveryCodes,
  sessions,
  users,
} from '../db/schema/index.ts';
import { recordAudit } from '../platform/audit.ts';
import { hashPassword } from '../platform/crypto.ts';
import { AppError } from '../platform/errors.ts';
import { assertStrongPassword } from '../platform/password-policy.ts';
import { emailSchema } from '../platform/schemas.ts';
import { CliRefusal } from './errors.ts';
import { promptHidden } from './prompt.ts';

/**
 * `palpa user …`: account rescue for an owner who is locked out (no e-mail, lost password, lost phone). Each
 * command writes an audit record with action `cli.user.*` and no actor (it ran on the server, not in the app).
 */

/** A command failed for a reason the operator can fix (unknown e-mail, duplicate account…): exit 1. */
export class CliFailure extends Error {}

export function normaliseEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new InvalidArgumentError(`"${email}" is not a valid e-mail address`);
  return parsed.data;
}

async function checkPassword(password: string, userInputs: string[]): Promise<void> {
  try {
    await assertStrongPassword(password, userInputs);
  } catch (error) {
    if (error instanceof AppError) {
      const why = Array.isArray(error.details) ? error.details[0]?.message : undefined;
      throw new CliRefusal(
        `Password refused: ${error.message}${why && why !== error.message ? ` (${why})` : ''}.`,
      );
    }
    throw error;
  }
}

async function findUser(db: Executor, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  if (!user) throw new CliFailure(`No user with e-mail ${email}.`);
  return user;
}

/**
 * Revokes every open session and every personal API token of the user: an administrator resets or
 * disables an account when its credentials may be in the wrong hands, and a token is such a credential.
 * Already revoked ones keep their original revocation time.
 */
async function revokeCredentials(
  tx: Executor,
  userId: string,
  now: Date,
): Promise<{ revokedSessions: number; revokedApiTokens: number }> {
  const revokedSessions = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ tokenHash: sessions.tokenHash });
  const revokedApiTokens = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { revokedSessions: revokedSessions.length, revokedApiTokens: revokedApiTokens.length };
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  clinicId?: string;
  role?: Role;
}

/** Creates a user (and optionally a membership in one clinic). */
export async function createUser(db: Database, input: CreateUserInput): Promise<{ userId: string }> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (!name) throw new InvalidArgumentError('The name must not be empty');
  if ((input.clinicId === undefined) !== (input.role === undefined)) {
    throw new InvalidArgumentError('Give --clinic and --role together (or neither)');
  }
  await checkPassword(input.password, [email, name]);
  const passwordHash = await hashPassword(input.password);
  const userId = uuidv7();
  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (existing.length > 0) throw new CliFailure(`A user with e-mail ${email} already exists.`);
    if (input.clinicId) {
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      const [clinic] = uuid.test(input.clinicId)
        ? await tx.select({ id: clinics.id }).from(clinics).where(eq(clinics.id, input.clinicId))
        : [];
      if (!clinic) throw new CliFailure(`No clinic with id ${input.clinicId}.`);
    }
    await tx.insert(users).values({ id: userId, email, displayName: name, passwordHash });
    if (input.clinicId && input.role) {
      await tx.insert(memberships).values({ clinicId: input.clinicId, userId, role: input.role });
    }
    await recordAudit(tx, {
      action: 'cli.user.create',
      clinicId: input.clinicId ?? null,
      resourceType: 'user',
      resourceId: userId,
      details: { email, ...(input.role ? { role: input.role } : {}) },
    });
  });
  return { userId };
}

export interface ResetPasswordResult {
  userId: string;
  revokedSessions: number;
  revokedApiTokens: number;
  clearedFailures: number;
  /** Only with `disableTwoFactor`: two-factor sign-in is now off; whether it was on; recovery codes deleted. */
  twoFactor?: { disabled: true; wasEnabled: boolean; deletedRecoveryCodes: number };
}

/**
 * Sets a new password, revokes every session and API token and clears the sign-in throttle for the e-mail. With
 * `disableTwoFactor` (someone who lost their phone) it also turns two-factor sign-in off: the TOTP secret
 * (also a half-finished set-up) and every recovery code are removed, so the next sign-in asks for the
 * password only. One transaction, one audit record.
 */
export async function resetPassword(
  db: Database,
  input: { email: string; password: string; disableTwoFactor?: boolean; now?: Date },
): Promise<ResetPasswordResult> {
  const email = normaliseEmail(input.email);
  const user = await findUser(db, email);
  await checkPassword(input.password, [user.email, user.displayName]);
  const passwordHash = await hashPassword(input.password);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ totpEnabledAt: users.totpEnabledAt })
      .from(users)
      .where(eq(users.id, user.id))
      .for('update');
    await tx
      .update(users)
      .set({ passwordHash, ...(input.disableTwoFactor ? { totpSecret: null, totpEnabledAt: null } : {}) })
      .where(eq(users.id, user.id));
    let twoFactor: ResetPasswordResult['twoFactor'];
    if (input.disableTwoFactor) {
      const deleted = await tx
        .delete(recoveryCodes)
        .where(eq(recoveryCodes.userId, user.id))
        .returning({ id: recoveryCodes.id });
      twoFactor = {
        disabled: true,
        wasEnabled: (before?.totpEnabledAt ?? null) !== null,
        deletedRecoveryCodes: deleted.length,
      };
    }
    const revoked = await revokeCredentials(tx, user.id, now);
    const cleared = await tx
      .delete(authFailures)
      .where(and(eq(authFailures.keyType, 'email'), eq(authFailures.key, email)))
      .returning({ id: authFailures.id });
    await recordAudit(tx, {
      action: 'cli.user.reset_password',
      resourceType: 'user',
      resourceId: user.id,
      details: {
        email,
        ...revoked,
        clearedFailures: cleared.length,
        ...(twoFactor ? { twoFactor } : {}),
      },
    });
    return {
      userId: user.id,
      ...revoked,
      clearedFailures: cleared.length,
      ...(twoFactor ? { twoFactor } : {}),
    };
  });
}

/** Disables the account (it can no longer sign in) and revokes its sessions and API tokens. */
export async function disableUser(
  db: Database,
  input: { email: string; now?: Date },
): Promise<{ userId: string; revokedSessions: number; revokedApiTokens: number; alreadyDisabled: boolean }> {
  const email = normaliseEmail(input.email);
  const user = await findUser(db, email);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const alreadyDisabled = user.disabledAt !== null;
    if (!alreadyDisabled) await tx.update(users).set({ disabledAt: now }).where(eq(users.id, user.id));
    const revoked = await revokeCredentials(tx, user.id, now);
    await recordAudit(tx, {
      action: 'cli.user.disable',
      resourceType: 'user',
      resourceId: user.id,
      details: { email, ...revoked, alreadyDisabled },
    });
    return { userId: user.id, ...revoked, alreadyDisabled };
  });
}

/** PALPA_PASSWORD, or a hidden prompt (asked twice) on a terminal. */
async function readPassword(command: Command): Promise<string> {
  const fromEnv = process.env.PALPA_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    command.error('error: set PALPA_PASSWORD, or run on a terminal to be asked for the password');
  }
  const first = await promptHidden('New password: ');
  const second = await promptHidden('Repeat it: ');
  if (first !== second) throw new CliFailure('The two passwords differ.');
  return first;
}

async function run<T>(command: Command, action: (db: Database) => Promise<T>): Promise<T> {
  try {
    const handle = await openDatabase(loadConfig().database);
    try {
      await handle.migrate();
      return await action(handle.db);
    } finally {
      await handle.close();
    }
  } catch (error) {
    // Bad input found while running: report it as a usage error (exit 2), like commander's own.
    if (error instanceof InvalidArgumentError) command.error(`error: ${error.message}`);
    throw error;
  }
}

const EXIT_HELP =
  '\nExit codes: 0 done, 1 failure (unknown e-mail or clinic, duplicate e-mail), 2 bad usage,\n' +
  '3 refused (the password does not meet the password policy).';
const PASSWORD_HELP =
  '\nThe password comes from the PALPA_PASSWORD environment variable, or is asked for (twice, not\n' +
  'echoed) when run on a terminal. It must satisfy the password policy (12+ characters, hard to guess).';

export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description('Manage accounts from the server: create a user, reset a password, disable an account')
    .addHelpText('after', EXIT_HELP);

  user
    .command('create')
    .description('Create a user, optionally with a role in one clinic')
    .requiredOption('--email <email>', 'sign-in e-mail address', normaliseEmail)
    .requiredOption('--name <name>', 'display name')
    .option('--clinic <clinicId>', 'clinic id to add the user to (with --role)')
    .addOption(new Option('--role <role>', 'role in that clinic (with --clinic)').choices([...ROLES]))
    .addHelpText('after', PASSWORD_HELP + EXIT_HELP)
    .action(
      async (options: { email: string; name: string; clinic?: string; role?: Role }, command: Command) => {
        if ((options.clinic === undefined) !== (options.role === undefined)) {
          command.error('error: give --clinic and --role together (or neither)');
        }
        const password = await readPassword(command);
        const { userId } = await run(command, (db) =>
          createUser(db, {
            email: options.email,
            name: options.name,
            password,
            clinicId: options.clinic,
            role: options.role,
          }),
        );
        console.log(
          `Created user ${options.email} (${userId})${options.clinic ? ` as ${options.role} of clinic ${options.clinic}` : ''}.`,
        );
      },
    );

  user
    .command('reset-password')
    .description(
      'Set a new password, sign the user out everywhere, revoke their API tokens and clear sign-in throttling',
    )
    .requiredOption('--email <email>', 'the user’s e-mail address', normaliseEmail)
    .option(
      '--disable-2fa',
      'also turn two-factor sign-in off (lost phone): removes the authenticator secret and recovery codes',
    )
    .addHelpText('after', PASSWORD_HELP + EXIT_HELP)
    .action(async (options: { email: string; disable2fa?: boolean }, command: Command) => {
      const password = await readPassword(command);
      const result = await run(command, (db) =>
        resetPassword(db, { email: options.email, password, disableTwoFactor: options.disable2fa === true }),
      );
      const twoFactor = result.twoFactor
        ? result.twoFactor.wasEnabled
          ? ` Two-factor sign-in turned off (${result.twoFactor.deletedRecoveryCodes} recovery code(s) removed): the next sign-in needs the password only.`
          : ' Two-factor sign-in was not on; nothing to turn off.'
        : '';
      console.log(
        `Password reset for ${options.email}; ${result.revokedSessions} session(s) and ` +
          `${result.revokedApiTokens} API token(s) revoked, ${result.clearedFailures} failed sign-in record(s) cleared.` +
          `${result.revokedApiTokens > 0 ? ' Integrations that used those tokens need a new one.' : ''}${twoFactor}`,
      );
    });

  user
    .command('disable')
    .description('Disable an account (it can no longer sign in) and revoke its sessions and API tokens')
    .requiredOption('--email <email>', 'the user’s e-mail address', normaliseEmail)
    .addHelpText('after', EXIT_HELP)
    .action(async (options: { email: string }, command: Command) => {
      const result = await run(command, (db) => disableUser(db, { email: options.email }));
      console.log(
        `${result.alreadyDisabled ? 'Already disabled' : 'Disabled'}: ${options.email}; ` +
          `${result.revokedSessions} session(s) and ${result.revokedApiTokens} API token(s) revoked.`,
      );
    });
}
