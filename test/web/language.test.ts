import { describe, expect, it } from 'vitest';
import { languageChoices, languageName } from '../../web/src/features/chart/language.ts';

describe('languageName', () => {
  it('says a language tag in words, and keeps a tag it cannot name', () => {
    expect(languageName('es')).toBe('Spanish');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
    expect(languageName('not a tag')).toBe('not a tag');
  });

  it("names the offered languages a browser's ICU data does not know, instead of showing their code", () => {
    const codesOnly = { of: (tag: string) => tag };
    expect(languageName('chk', codesOnly)).toBe('Chuukese');
    expect(languageName('ase', codesOnly)).toBe('American Sign Language');
    expect(languageName('nv', codesOnly)).toBe('Navajo');
    expect(languageName('mix', codesOnly)).toBe('mix');
  });
});

describe('languageChoices', () => {
  it('offers languages by name, English first, then A to Z', () => {
    const choices = languageChoices('en');
    expect(choices[0]).toEqual({ code: 'en', name: 'English' });
    const names = choices.slice(1).map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(choices).toContainEqual({ code: 'es', name: 'Spanish' });
    expect(choices).toContainEqual({ code: 'ase', name: 'American Sign Language' });
    expect(choices.filter((c) => c.code === 'en')).toHaveLength(1);
  });

  it('keeps a language typed in earlier among the choices, so the record is not changed by opening it', () => {
    expect(languageChoices('en').some((c) => c.code === 'pt-BR')).toBe(false);
    expect(languageChoices('pt-BR')).toContainEqual({ code: 'pt-BR', name: 'Brazilian Portuguese' });
    expect(languageChoices('mix')).toContainEqual({ code: 'mix', name: 'mix' });
    expect(languageChoices('es').filter((c) => c.code === 'es')).toHaveLength(1);
  });
});
