import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address to its eight hextets (`::` filled with zeros). */
function hextets(address: string): string[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:10.0.0.1) counts as two hextets.
  const last = right.length > 0 ? right : left;
  if (last.length > 0 && isIPv4(last[last.length - 1])) {
    const [a, b, c, d] = last.pop()!.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The address a sign-in counts against. IPv4 as is; IPv6 by its /64 network, since one
 * subscriber (or one attacker) is usually given a whole /64 and could otherwise take a fresh
 * address for every try. IPv4-mapped IPv6 (::ffff:a.b.c.d) counts as the IPv4 address.
 */
export function throttleAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  if (isIPv4(ip)) return ip;
  const bare = ip.split('%')[0];
  if (!isIPv6(bare)) return ip;
  const parts = hextets(bare);
  if (parts.slice(0, 5).every((part) => part === '0') && parts[5] === 'ffff') {
    const [high, low] = [parseInt(parts[6], 16), parseInt(parts[7], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${parts.slice(0, 4).join(':')}::/64`;
}
