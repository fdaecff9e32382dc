// A language's messages fetched by the page: a message tree, or undefined (then English shows),
// never a throw, whatever the server or the network answers.
import { describe, expect, it } from '@jest/globals';
import { fetchMessages } from '../src/fetch-messages.ts';

const answer = (body: string, status = 200) => async (input: string | URL | Request) => {
  asked.push(String(input));
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
};
let asked: string[] = [];

describe('fetchMessages', () => {
  it('takes a tree of strings from ${base}/locales/${lang}.json', async () => {
    asked = [];
    const load = fetchMessages('/verify', answer(JSON.stringify({ title: 'Vérifier', code: { SEAL_BASE45: 'Illisible' } })) as typeof fetch);
    expect(await load('fr')).toEqual({ title: 'Vérifier', code: { SEAL_BASE45: 'Illisible' } });
    expect(asked).toEqual(['/verify/locales/fr.json']);
  });

  it.each([
    ['a 404', answer('{"code":"LOCALE_NOT_FOUND"}', 404)],
    ['not JSON', answer('<html>')],
    ['a number where a message belongs', answer('{"title":5}')],
    ['an array', answer('["a"]')],
    ['no network', (async () => { throw new TypeError('Failed to fetch'); })],
  ])('%s: undefined', async (_label, fetchFn) => {
    expect(await fetchMessages('/verify', fetchFn as typeof fetch)('fr')).toBeUndefined();
  });

  it('a language code that is not one is not fetched at all', async () => {
    asked = [];
    const load = fetchMessages('/verify', answer('{}') as typeof fetch);
    for (const lang of ['../x', 'fr/../../a', '', 'FRENCH']) expect(await load(lang)).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
