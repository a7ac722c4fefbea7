import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
/** The walkthrough's import of the generated types (see walkthrough.ts). */
export const GENERATED_IMPORT = './generated/openapi';

export interface LintProblem {
  readonly ruleId: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly pointer: string;
}

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: {
    ruleId: string;
    severity: string;
    message: string;
    location: { pointer: string }[];
  }[];
}

/**
 * Redocly CLI's `recommended` ruleset on a document file, offline: the built-in ruleset (no
 * config file is looked up: it runs in the document's folder), no telemetry, no update check.
 */
export async function lintWithRedocly(documentFile: string): Promise<LintProblem[]> {
  const cli = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
  const args = [cli, 'lint', documentFile, '--extends', 'recommended', '--format', 'json'];
  const options = {
    cwd: resolve(documentFile, '..'),
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
    },
    maxBuffer: 16 * 1024 * 1024,
  };
  // Exit code 1 means "errors found": the report on stdout says which.
  const stdout = await promisify(execFile)(process.execPath, args, options).then(
    (result) => result.stdout,
    (error: Error & { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`redocly lint failed: ${error.stderr || error.message}`);
      return error.stdout;
    },
  );
  const report = JSON.parse(stdout) as RedoclyReport;
  return report.problems.map((problem) => ({
    ruleId: problem.ruleId,
    severity: problem.severity === 'error' ? 'error' : 'warn',
    message: problem.message,
    pointer: problem.location[0]?.pointer ?? '',
  }));
}

/** TypeScript types for the document (its JSON text), as `npx openapi-typescript` writes them. */
export async function generateTypes(documentJson: string): Promise<string> {
  return astToString(await openapiTS(documentJson));
}

/**
 * Type-checks the walkthrough with the project's compiler options plus `strict` and `noEmit`,
 * its import of the generated types pointed at `generatedFile`. Returns the diagnostics.
 */
export function typeCheckWalkthrough(walkthroughFile: string, generatedFile: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const options: ts.CompilerOptions = {
    ...config.options,
    strict: true,
    noEmit: true,
    types: ['node'],
    // The generated types live in a temporary folder, outside the project.
    rootDir: undefined,
    outDir: undefined,
  };
  const host = ts.createCompilerHost(options);
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, compilerOptions, file) =>
    literals.map((literal) => {
      if (
        resolve(containingFile) === resolve(walkthroughFile) &&
        literal.text === GENERATED_IMPORT
      ) {
        return {
          resolvedModule: {
            resolvedFileName: generatedFile,
            extension: ts.Extension.Ts,
            isExternalLibraryImport: false,
          },
        };
      }
      const mode = ts.getModeForUsageLocation(file, literal, compilerOptions);
      return ts.resolveModuleName(
        literal.text,
        containingFile,
        compilerOptions,
        host,
        undefined,
        undefined,
        mode,
      );
    });
  const program = ts.createProgram({ rootNames: [walkthroughFile], options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}:${character + 1} ${message}`;
  });
}

/**
 * What would let the walkthrough compile against a wrong document: `as` casts, `<T>x`
 * assertions, non-null `!`, `any`, and comments that silence the compiler.
 */
export function escapeHatches(sourceText: string): string[] {
  const file = ts.createSourceFile('walkthrough.ts', sourceText, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const kind =
      ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)
        ? 'cast'
        : ts.isNonNullExpression(node)
          ? 'non-null assertion'
          : node.kind === ts.SyntaxKind.AnyKeyword
            ? 'any'
            : null;
    if (kind) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${kind} on line ${line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  for (const directive of sourceText.match(/@ts-(ignore|expect-error|nocheck)|eslint-disable/g) ??
    []) {
    found.push(`comment ${directive}`);
  }
  return found;
}
