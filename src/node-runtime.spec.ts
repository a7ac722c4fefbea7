import { nodeRuntimeWarning } from './node-runtime';

describe('nodeRuntimeWarning', () => {
  it('warns on a Node.js line past its end of life', () => {
    expect(nodeRuntimeWarning('v20.19.5', '2026-12-02')).toBe(
      'Node.js v20.19.5 reached its end of life on 2026-04-30 and gets no security fixes: run the service on Node.js 26 LTS.',
    );
    expect(nodeRuntimeWarning('v22.12.0', '2027-05-01')).toMatch(/end of life on 2027-04-30/);
  });

  it('stays quiet on a supported line', () => {
    expect(nodeRuntimeWarning('v20.19.5', '2026-04-29')).toBeNull();
    expect(nodeRuntimeWarning('v22.12.0', '2026-12-02')).toBeNull();
    expect(nodeRuntimeWarning('v26.3.0', '2026-12-02')).toBeNull();
  });
});
