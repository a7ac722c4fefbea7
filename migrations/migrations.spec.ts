import { readdirSync } from 'node:fs';
import { MIGRATIONS } from '.';

describe('migration registry', () => {
  it('lists every migration file, oldest first, with timestamped unique names', () => {
    const files = readdirSync(__dirname)
      .filter((file) => /^\d{13}-[A-Za-z0-9]+\.ts$/.test(file))
      .sort();
    const listed = MIGRATIONS.map((migration) => new migration().name);
    expect(listed).toEqual(
      files.map((file) => {
        const [, timestamp, name] = /^(\d{13})-(\w+)\.ts$/.exec(file) ?? [];
        return `${name}${timestamp}`;
      }),
    );
  });
});
