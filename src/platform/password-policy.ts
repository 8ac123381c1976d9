import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AppError } from './errors.ts';
import { MIN_PASSWORD_LENGTH } from './schemas.ts';

const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/** At least 12 characters and not guessable: zxcvbn's common-password lists and patterns, score ≥ 3 of 4. */
export async function assertStrongPassword(password: string, userInputs: string[] = []): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('weak_password', `Use at least ${MIN_PASSWORD_LENGTH} characters`, [
      { path: 'password', message: 'too short' },
    ]);
  }
  const result = await zxcvbn.checkAsync(password, userInputs);
  if (result.score < 3) {
    throw new AppError('weak_password', 'This password is too common or too easy to guess', [
      { path: 'password', message: result.feedback.warning ?? 'too easy to guess' },
    ]);
  }
}
