// The suggestion's catch-up subjects in the page's language: the recognition package gives the
// ISCED-F codes beside its English words, the page names each in all ten languages (the same
// messageText and message files the page uses, with i18next as the page sets it up).
import { beforeAll, describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import { suggestPlacement, summariseLearning, type Message } from '@lp/recognition';
import { LANGUAGES } from '@lp/web-kit';
import { messageText } from '../web/lib/render-learner-summary.ts';
import { loadResources } from '../web/lib/resources.ts';
import { catalogue, result } from '../../packages/recognition/test/lib/make-result.ts';

const NOW = new Date('2025-01-15T08:00:00Z');
const resources = loadResources() as unknown as Record<string, { translation: { recognition: { field: Record<string, string> } } }>;

let catchUp: Message;

beforeAll(async () => {
  await i18next.init({ lng: 'en', fallbackLng: 'en', resources: resources as never, interpolation: { escapeValue: false } });
  // A Syrian Grade 6 leaver: a weak mathematics and a weak physics result → catch-up in both.
  const summary = summariseLearning({
    results: [
      result({ country: 'SY', code: 'SY-G6-MATH', levelCode: '1', field: '0541', grade: '6', awardedAt: '2023-06-30', value: '42', min: '0', max: '100', required: '40' }),
      result({ country: 'SY', code: 'SY-G6-PHYS', levelCode: '1', field: '0533', grade: '6', awardedAt: '2023-06-30', value: '41', min: '0', max: '100', required: '40' }),
    ],
    now: NOW,
    catalogue,
  });
  const s = suggestPlacement({ summary, birthDate: '2011-05-02', host: 'JO', now: NOW });
  catchUp = s.supportMessages.find((m) => m.key === 'recognition.support.catchUpIn')!;
});

describe('catch-up subjects in the page\'s language', () => {
  it('the package gives the codes beside the English words', () => {
    expect(catchUp.params).toEqual({ subjects: 'mathematics, physics', fields: '0541,0533' });
    expect(catchUp.text).toBe('with catch-up support in mathematics, physics');
  });

  it.each(LANGUAGES.map((l) => l.code))('%s: each subject by its name in the language, no English word left', async (lang) => {
    await i18next.changeLanguage(lang);
    const field = resources[lang]!.translation.recognition.field;
    const text = messageText(catchUp);
    expect(text).toContain(field['0541']);
    expect(text).toContain(field['0533']);
    if (lang !== 'en') expect(text).not.toMatch(/mathematics|physics/);
  });

  it('every language names the same subjects as English', () => {
    const keys = Object.keys(resources.en!.translation.recognition.field).sort();
    for (const l of LANGUAGES) expect([l.code, Object.keys(resources[l.code]!.translation.recognition.field).sort()]).toEqual([l.code, keys]);
  });

  it('a field no locale names yet is given by its English label, never dropped or shown as a code', async () => {
    await i18next.changeLanguage('fr');
    const text = messageText({ ...catchUp, params: { subjects: 'statistics', fields: '0542' } });
    expect(text).toContain('statistics');
    expect(text).not.toContain('0542');
  });
});
