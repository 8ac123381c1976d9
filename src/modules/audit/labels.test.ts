import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../paths.ts';
import { PERMISSION_NAMES } from '../../platform/permissions.ts';
import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTION_KINDS,
  auditActionKind,
  auditActionName,
  auditActionText,
  auditResourceKind,
  isAccessCheck,
  PAST_TENSE,
} from './labels.ts';

const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The action codes the server writes, read from its source: the values given to an `action` property,
 * variable or parameter default, and the arguments in the place of a parameter named `action` in calls to
 * any function that has one (the audit helpers: auditAppointment, refuseAudited, gate…). A code built at run
 * time (`access.${permission}`) is answered as a pattern.
 */
function writtenActionCodes(): { codes: Map<string, string>; patterns: Map<string, string> } {
  const files = sourceFiles(join(projectRoot, 'src')).map((file) =>
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  );
  const nameOf = (node: ts.Node | undefined) =>
    node && (ts.isIdentifier(node) || ts.isStringLiteral(node)) ? node.text : undefined;
  const walk = (node: ts.Node, visit: (node: ts.Node) => void) => {
    visit(node);
    ts.forEachChild(node, (child) => walk(child, visit));
  };

  // Functions with a parameter named `action`, by name: which argument carries the code.
  const actionArgument = new Map<string, Set<number>>();
  for (const file of files) {
    walk(file, (node) => {
      if (!ts.isFunctionLike(node)) return;
      const index = node.parameters.findIndex((p) => nameOf(p.name) === 'action');
      const declared = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) ? node.name : undefined;
      const name =
        nameOf(declared) ?? (ts.isVariableDeclaration(node.parent) ? nameOf(node.parent.name) : undefined);
      if (index < 0 || !name) return;
      actionArgument.set(name, (actionArgument.get(name) ?? new Set()).add(index));
    });
  }

  const codes = new Map<string, string>();
  const patterns = new Map<string, string>();
  const collect = (expression: ts.Node | undefined, where: string): void => {
    if (!expression) return;
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      if (CODE.test(expression.text)) codes.set(expression.text, where);
    } else if (ts.isTemplateExpression(expression)) {
      patterns.set(expression.getText(), where);
    } else if (ts.isConditionalExpression(expression)) {
      collect(expression.whenTrue, where);
      collect(expression.whenFalse, where);
    } else if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
      collect(expression.expression, where);
    } else if (ts.isUnionTypeNode(expression)) {
      for (const type of expression.types) collect(type, where);
    } else if (ts.isLiteralTypeNode(expression)) {
      collect(expression.literal, where);
    }
  };
  for (const file of files) {
    walk(file, (node) => {
      const where = `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (ts.isPropertyAssignment(node) && nameOf(node.name) === 'action') collect(node.initializer, where);
      if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && nameOf(node.name) === 'action') {
        collect(node.initializer, where);
        collect(node.type, where);
      }
      if (ts.isCallExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression)
          ? node.expression.name.text
          : nameOf(node.expression);
        for (const index of (callee ? actionArgument.get(callee) : undefined) ?? [])
          collect(node.arguments[index], where);
      }
    });
  }
  return { codes, patterns };
}

describe('audit action labels', () => {
  const written = writtenActionCodes();

  it('finds the codes written in several ways (a sanity check of the scan itself)', () => {
    // `action: '…'`, an audit helper's argument, a conditional, and a template.
    for (const code of ['patient.physician_access.read', 'appointment.cancel.done', 'auth.login.password_ok'])
      expect(written.codes.has(code), code).toBe(true);
    expect([...written.patterns.keys()].some((pattern) => pattern.startsWith('`access.'))).toBe(true);
  });

  it('has words for every action code written in src/', () => {
    const missing = [...written.codes].filter(([code]) => auditActionName(code) === code);
    expect(missing.map(([code, where]) => `${code} (${where})`)).toEqual([]);
  });

  it('has words for some code of every pattern built at run time', () => {
    for (const [pattern, where] of written.patterns) {
      const regex = new RegExp(
        `^${pattern
          .slice(1, -1)
          .split(/\$\{[^}]*\}/)
          .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
          .join('[a-z0-9_.]+')}$`,
      );
      expect(
        AUDIT_ACTION_CODES.some((code) => regex.test(code)),
        `${pattern} (${where})`,
      ).toBe(true);
    }
  });

  it('refuses a permission in the words of its description, for every permission', () => {
    for (const permission of PERMISSION_NAMES)
      expect(auditActionName(`access.${permission}`)).not.toBe(`access.${permission}`);
    expect(auditActionText('access.audit.read', 'refused')).toBe('Refused: read the audit log');
  });

  it('puts every code in exactly one kind', () => {
    for (const code of AUDIT_ACTION_CODES) {
      const kinds = Object.values(AUDIT_ACTION_KINDS).filter((kind) =>
        kind.prefixes.some((prefix) => code.startsWith(prefix)),
      );
      expect(kinds.length, code).toBe(1);
      expect(auditActionKind(code), code).toBeDefined();
    }
  });

  it('knows the past tense of every verb it starts a sentence with', () => {
    const effects = AUDIT_ACTION_CODES.filter((code) => !isAccessCheck(code));
    expect(effects.length).toBeGreaterThan(100);
    for (const code of effects) {
      const verb = auditActionName(code).split(' ')[0]!.toLowerCase();
      expect(Object.hasOwn(PAST_TENSE, verb), `${code}: ${verb}`).toBe(true);
    }
  });

  it('says what happened in a sentence that follows the outcome', () => {
    expect(auditActionText('patient.physician_access.read', 'allowed')).toBe(
      'Read the physician access list',
    );
    expect(auditActionText('appointment.cancel.done', 'allowed')).toBe('Cancelled an appointment');
    expect(auditActionText('appointment.cancel', 'allowed')).toBe('Allowed to cancel an appointment');
    expect(auditActionText('appointment.cancel', 'refused')).toBe('Refused: cancel an appointment');
    expect(auditActionText('auth.login', 'failed')).toBe('Failed: sign in');
    expect(auditActionText('appointment.undo_check_in.done', 'allowed')).toBe('Undid a check-in');
    expect(auditActionName('appointment.cancel')).toBe('Cancel an appointment (access check)');
    // A code an older version wrote, with no words now, stays readable as itself.
    expect(auditActionText('legacy.thing', 'allowed')).toBe('legacy.thing');
  });

  it('names resource kinds in words', () => {
    expect(auditResourceKind('treatment_plan')).toBe('Plan of care');
    expect(auditResourceKind('waitlist_entry')).toBe('Waiting-list request');
    expect(auditResourceKind('some_new_kind')).toBe('Some new kind');
  });
});
