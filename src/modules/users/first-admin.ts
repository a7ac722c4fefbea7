import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { systemContext } from '../../database/audited-transactions';
import { generatePassword } from './password';
import type { UsersService } from './users.service';

export const DEFAULT_ADMIN_EMAIL = 'admin@twin-parks.local';
export const ADMIN_PASSWORD_FILE = 'admin-password.txt';

export type FirstAdmin =
  | { readonly created: false }
  | {
      readonly created: true;
      readonly email: string;
      readonly passwordFile: string | null;
      readonly password: string | null;
    };

/**
 * On a database with no users: ADMIN_EMAIL + ADMIN_PASSWORD create the first admin; otherwise a
 * random password is generated, returned to be printed once, and written to DATA_DIR with mode
 * 0600. There is no default password.
 */
export async function ensureFirstAdmin(
  users: UsersService,
  config: AppConfig,
): Promise<FirstAdmin> {
  if ((await users.count()) > 0) return { created: false };
  const email = config.auth.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const given = config.auth.adminPassword;
  const password = given ?? generatePassword();
  await users.create(
    { email, name: 'Administrator', password, role: 'admin', countryCode: null },
    systemContext('first-start', 'first admin'),
  );
  if (given) return { created: true, email, passwordFile: null, password: null };
  const passwordFile = join(config.dataDir, ADMIN_PASSWORD_FILE);
  await writeFile(passwordFile, `${email}\n${password}\n`, { mode: 0o600 });
  return { created: true, email, passwordFile, password };
}
