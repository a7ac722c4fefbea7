import { hashPassword, passwordPolicyViolation, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(hash).not.toContain('correct');
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterz', hash)).resolves.toBe(false);
    await expect(verifyPassword('anything', 'not-a-hash')).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    await expect(hashPassword('same password!!')).resolves.not.toBe(
      await hashPassword('same password!!'),
    );
  });

  it('applies the policy: length and not the email', () => {
    expect(passwordPolicyViolation('short', 'a@b.org')).toMatch(/12/);
    expect(passwordPolicyViolation('officer.my@example.org', 'officer.my@example.org')).toMatch(
      /email/,
    );
    expect(passwordPolicyViolation('xxofficer.myxx2026', 'officer.my@example.org')).toMatch(
      /email/,
    );
    expect(
      passwordPolicyViolation('a long enough passphrase', 'officer.my@example.org'),
    ).toBeNull();
  });
});
