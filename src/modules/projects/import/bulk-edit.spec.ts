import { sourcesAfterRow } from './bulk-edit';

const first = { url: 'https://example.org/a', title: 'A', accessedOn: '2025-01-01' };
const second = { url: 'https://example.org/b', title: 'B', accessedOn: null };

describe('sources after an update row', () => {
  it('keeps the first source (and its accessedOn) when the URL is the same, with the file title', () => {
    expect(sourcesAfterRow([first, second], { url: first.url, title: 'A' })).toEqual([
      first,
      second,
    ]);
    expect(sourcesAfterRow([first, second], { url: first.url, title: 'A, revised' })).toEqual([
      { ...first, title: 'A, revised' },
      second,
    ]);
  });

  it('replaces the first source for a new URL and removes it for an empty cell, keeping the rest', () => {
    expect(sourcesAfterRow([first, second], { url: 'https://example.org/c', title: 'C' })).toEqual([
      { url: 'https://example.org/c', title: 'C', accessedOn: null },
      second,
    ]);
    expect(sourcesAfterRow([first, second], null)).toEqual([second]);
    expect(sourcesAfterRow([], null)).toEqual([]);
    expect(sourcesAfterRow([], { url: first.url, title: 'A' })).toEqual([
      { url: first.url, title: 'A', accessedOn: null },
    ]);
  });
});
