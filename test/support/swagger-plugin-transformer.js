// Runs @nestjs/swagger's CLI plugin under ts-jest, with the options nest-cli.json gives it.
const plugin = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (compilerSetup) =>
  plugin.before(
    { introspectComments: true, classValidatorShim: true, dtoFileNameSuffix: ['.dto.ts'] },
    compilerSetup.program,
  );
