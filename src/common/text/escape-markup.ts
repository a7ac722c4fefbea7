/** Escapes text for HTML or XML element content and quoted attribute values. */
export function escapeMarkup(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Characters XML 1.0 does not allow at all. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** As escapeMarkup, dropping what XML forbids, so a stray control character never breaks a file. */
export function escapeXml(value: string): string {
  return escapeMarkup(value.replace(NOT_XML, ''));
}
