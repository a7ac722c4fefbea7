import { throttleAddress } from './client-address';

describe('throttleAddress', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(throttleAddress('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every IPv6 address of one /64 network as one', () => {
    const network = '2001:db8:aa:bb::/64';
    expect(throttleAddress('2001:db8:aa:bb::1')).toBe(network);
    expect(throttleAddress('2001:0DB8:00aa:00bb:1234:5678:9abc:def0')).toBe(network);
    expect(throttleAddress('2001:db8:aa:bb:ffff::%eth0')).toBe(network);
    expect(throttleAddress('2001:db8:aa:bc::1')).not.toBe(network);
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(throttleAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('keeps anything else as given, and a missing address as one bucket', () => {
    expect(throttleAddress('not an address')).toBe('not an address');
    expect(throttleAddress(undefined)).toBe('unknown');
  });
});
