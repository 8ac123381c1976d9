import { describe, expect, it } from 'vitest';
import { isOwnName } from './signature-name.ts';

describe('isOwnName: a typed-name signature is the signer’s own name', () => {
  const account = 'Dr. Carmen Ruiz, MD';

  it.each([
    'Dr. Carmen Ruiz, MD',
    'Carmen Ruiz, MD',
    'Dr Carmen Ruiz MD',
    'carmen ruiz',
    '  CARMEN   RUIZ ',
    'Doctor Carmen Ruiz',
    'Carmen Ruiz M.D.',
    'Dr. Carmen Ruiz, MD, PhD',
  ])('signs with “%s”', (typed) => {
    expect(isOwnName(typed, account)).toBe(true);
  });

  it.each([
    ['only the given name', 'Carmen'],
    ['only the family name', 'Dr. Ruiz, MD'],
    ['another person', 'Dr. Carmen Ruis, MD'],
    ['names in another order', 'Ruiz Carmen'],
    ['more than the name', 'Carmen Ruiz Lopez'],
    ['a credential before the name', 'MD Carmen Ruiz'],
    ['nothing', '   '],
    ['punctuation only', '., MD'],
  ])('refuses %s (“%s”)', (_, typed) => {
    expect(isOwnName(typed, account)).toBe(false);
  });

  it('compares an account name without titles the same way', () => {
    expect(isOwnName('Dr. Carmen Ruiz, MD', 'Carmen Ruiz')).toBe(true);
    expect(isOwnName('Carmen', 'Carmen Ruiz')).toBe(false);
  });

  it('ignores accents and joins apostrophes and periods', () => {
    expect(isOwnName('Jose Castaneda', 'José Castañeda')).toBe(true);
    expect(isOwnName('Sean ONeil, PA-C', 'Seán O’Neil')).toBe(true);
    expect(isOwnName('Mary-Jane Smith DC', 'Mary Jane Smith')).toBe(true);
  });

  it('keeps a family name that reads like a credential or a title', () => {
    expect(isOwnName('Anh Do', 'Anh Do')).toBe(true);
    expect(isOwnName('Dr. Anh Do, DO', 'Anh Do')).toBe(true);
    expect(isOwnName('Anh', 'Anh Do')).toBe(false);
    expect(isOwnName('Dr Ruiz', 'Dr Ruiz')).toBe(true);
    expect(isOwnName('Ruiz', 'Dr Ruiz')).toBe(false);
  });
});
