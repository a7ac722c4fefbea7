// Jest (on Node < 24.9) cannot require() ES modules, and some dependencies now ship only ESM
// (e.g. content-disposition, csv-parse's default entry). Node itself loads them fine at run time;
// in tests this transformer compiles such files to CommonJS with TypeScript's transpiler and
// leaves every other file untouched. Results are cached by Jest.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const ESM_SYNTAX = /(^|[\n;])\s*(import\s*[\w{*'"]|export\s)/;

module.exports = {
  getCacheKey(source, path) {
    return createHash('sha1').update('esm-to-cjs-1').update(path).update(source).digest('hex');
  },
  process(source, path) {
    if (!ESM_SYNTAX.test(source)) return { code: source };
    const { outputText } = ts.transpileModule(source, {
      fileName: path,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
      },
    });
    return { code: outputText };
  },
};
