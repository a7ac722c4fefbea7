import type { Source } from '../../../common/sources/source';

/**
 * A project's sources after an update row. The file carries the first source only (sourceUrl,
 * sourceTitle): the same URL keeps that source (its accessedOn too) with the file's title; a new
 * URL replaces it; an empty cell removes it. The other sources, which the file does not show,
 * are always kept.
 */
export function sourcesAfterRow(
  current: readonly Source[],
  first: { readonly url: string; readonly title: string } | null,
): Source[] {
  const [head, ...rest] = current;
  if (!first) return rest;
  if (head && head.url === first.url) return [{ ...head, title: first.title }, ...rest];
  return [{ url: first.url, title: first.title, accessedOn: null }, ...rest];
}
