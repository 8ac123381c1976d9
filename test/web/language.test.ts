import { describe, expect, it } from 'vitest';
import { languageName } from '../../web/src/features/chart/language.ts';

describe('languageName', () => {
  it('says a language tag in words, and keeps a tag it cannot name', () => {
    expect(languageName('es')).toBe('Spanish');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
    expect(languageName('not a tag')).toBe('not a tag');
  });
});
