import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAuditAction } from '../lib/audit-actions.ts';
import { ROOT } from './process.ts';

// The folders show the architecture; these checks keep it that way (shared/ARCHITECTURE.md).
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}
const rel = (p: string) => path.relative(ROOT, p);
const serverFiles = files(path.join(ROOT, 'server'));
const imports = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('module boundaries', () => {
  it('a module never imports another module’s repository', () => {
    const offenders = serverFiles
      .filter((f) => rel(f).startsWith('server/modules/'))
      .flatMap((f) => {
        const own = rel(f).split('/')[2];
        return imports(f)
          .filter((i) => i.endsWith('.repo.ts'))
          .filter(
            (i) => !i.startsWith('./') || path.resolve(path.dirname(f), i).split(path.sep).at(-2) !== own,
          )
          .map((i) => `${rel(f)} → ${i}`);
      });
    expect(offenders).toEqual([]);
  });

  it('routes never touch the database or Kysely directly', () => {
    const offenders = serverFiles
      .filter((f) => f.endsWith('.routes.ts'))
      .flatMap((f) =>
        imports(f)
          .filter((i) => i === 'kysely' || i === 'pg' || i.includes('.repo.ts'))
          .map((i) => `${rel(f)} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('only repositories, the db layer and platform plumbing import Kysely', () => {
    const offenders = serverFiles
      .filter((f) => imports(f).includes('kysely'))
      .map(rel)
      .filter(
        (f) => !f.endsWith('.repo.ts') && !f.startsWith('server/db/') && !f.startsWith('server/platform/'),
      );
    expect(offenders).toEqual([]);
  });
});

describe('module shape (docs/ARCHITECTURE.md, “How to add a module”)', () => {
  const moduleFiles = serverFiles.filter((f) => rel(f).startsWith('server/modules/'));

  it('only repositories build SQL: no query builder or raw sql in use cases, services or routes', () => {
    const builds = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|\bsql\.raw\(/;
    const offenders = moduleFiles
      .filter((f) => !f.endsWith('.repo.ts'))
      .filter((f) => builds.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('no file in server/modules, tests included, is over 600 lines', () => {
    const all = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? all(p) : p.endsWith('.ts') ? [p] : [];
      });
    const long = all(path.join(ROOT, 'server/modules'))
      .filter((f) => fs.readFileSync(f, 'utf8').split('\n').length > 600)
      .map(rel);
    expect(long).toEqual([]);
  });

  it('every audit action written has a Chinese label in lib/audit-actions.ts', () => {
    const unlabelled = serverFiles.flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/writeAudit\([\s\S]*?action: ([^,]+),/g)].flatMap((m) =>
        [...m[1]!.matchAll(/'([a-z_.]+)'/g)]
          .map((x) => x[1]!)
          .filter((a) => !isAuditAction(a))
          .map((a) => `${rel(f)}: ${a}`),
      ),
    );
    expect(unlabelled).toEqual([]);
  });

  it('recipients of notifications are named by permission, not by lists of roles', () => {
    const offenders = serverFiles
      .filter((f) => !rel(f).startsWith('server/platform/notify/'))
      .filter((f) =>
        /unitRoleUserIds|\['(window_clerk|dept_lead|dept_officer|liaison|coordinator|supervisor|leader)'/.test(
          fs.readFileSync(f, 'utf8'),
        ),
      )
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('workflow modules run their actions through the shared runner, not their own transactions', () => {
    const runnerModules = ['cases', 'coordination'];
    const offenders = moduleFiles
      .filter((f) => runnerModules.includes(rel(f).split('/')[2]!))
      .filter(
        (f) => /\b(runCaseEvent|runRequestEvent|runAction)\(/.test(fs.readFileSync(f, 'utf8')) === false,
      )
      .filter(
        (f) =>
          /version: number/.test(fs.readFileSync(f, 'utf8')) &&
          /\btransaction\(/.test(fs.readFileSync(f, 'utf8')),
      )
      .map(rel);
    expect(offenders).toEqual([]);
  });
});

describe('the composition root', () => {
  it('demo data stays at the edge: no module, platform or db file imports server/demo', () => {
    const offenders = serverFiles
      .filter((f) => /^server\/(modules|platform|db)\//.test(rel(f)))
      .flatMap((f) =>
        imports(f)
          .filter((i) => i.includes('/demo/'))
          .map((i) => `${rel(f)} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('main.ts lists modules once (server/modules/index.ts) and knows none of their jobs', () => {
    const main = path.join(ROOT, 'server/main.ts');
    const fromModules = imports(main).filter((i) => i.startsWith('./modules/'));
    expect(fromModules).toEqual(['./modules/index.ts']);
  });
});

// Tables whose rows belong to a unit: every read goes through a data scope (inScope), unless the
// function is listed here with the reason it may read without one.
const SCOPED_TABLES = [
  'unit',
  'app_user',
  'audit_event',
  'enterprise',
  'deadline',
  'document',
  'seal',
  'catalog_change_request',
  'item_authorization',
  'service_case',
  'stored_material',
  'meeting',
  'supervision_item',
];
const UNSCOPED_ALLOWED: Record<string, string> = {
  'server/modules/cases/exchange.repo.ts#stepsAfter':
    'the exchange batch reads one whole region, checked by scopeCoversRegion(exchange:export) first',
  'server/modules/identity/identity.repo.ts#findStaffByUsername': 'login: the caller is not yet known',
  'server/modules/identity/identity.repo.ts#findEnterpriseByUsername': 'login: the caller is not yet known',
  'server/modules/identity/identity.repo.ts#totpState': 'the caller’s own row',
  'server/modules/users/users.repo.ts#unitRegion': 'scope check of a unit id the caller supplied',
  'server/modules/users/users.repo.ts#unitsRegions': 'scope check of unit ids the caller supplied',
  'server/modules/meetings/meetings.repo.ts#unitsByIds':
    'invitees and decision owners the organiser named; checked for region and state',
  'server/modules/meetings/meetings.repo.ts#base': 'the select list; every list and find adds visible()',
  'server/modules/meetings/meetings.repo.ts#similarMinutes':
    'scoped by visible(reader), as every meeting read',
  'server/modules/meetings/meetings.repo.ts#lockMeeting':
    'locks a row by id; the scoped load follows under the lock',
  'server/modules/supervision/supervision.repo.ts#itemsToRemind':
    'the system sweep over every region’s open items',
  'server/modules/supervision/supervision.repo.ts#base':
    'the select list; every find and list adds visible()',
  'server/modules/supervision/supervision.repo.ts#lockItem':
    'locks a row by id and returns nothing; the scoped load follows under the lock',
  'server/modules/meetings/meetings.repo.ts#decisionsOf':
    'the names of the co-owner units of decisions of a meeting the caller has opened',
  'server/modules/meetings/meeting-system.repo.ts#meetingsToRemind':
    'the system sweep over every region’s meetings',
  'server/modules/meetings/meeting-system.repo.ts#scheduledMeeting':
    'whether a standing schedule already has its meeting on a date (the planner, for the system)',
  'server/modules/meetings/meeting-system.repo.ts#usersByIds':
    'users the caller named; the service checks their region',
  'server/modules/meetings/meeting-system.repo.ts#departmentFigures':
    'a region’s figures for its own center’s regular meeting, checked by the service',
  'server/platform/auth/session.repo.ts#loadSession': 'builds the principal of a valid session',
  'server/platform/auth/session.repo.ts#loadEnterprise': 'builds the principal of a valid session',
  'server/modules/documents/documents.repo.ts#nextVersion':
    'versions of a subject inside the issuing transaction',
  'server/modules/documents/documents.repo.ts#supersedingVersion':
    'public verification: whether a found document has a later version',
  'server/modules/documents/documents.repo.ts#findForVerification':
    'public verification: anyone holding the file',
  'server/modules/documents/documents.repo.ts#listSubjectDocuments':
    'documents of a subject whose own access check has passed',
  'server/modules/documents/documents.repo.ts#activeSeal': 'the seal of the unit the service issues for',
  'server/modules/documents/issuer.repo.ts#unitForIssue': 'the unit the service issues for, after its checks',
  'server/modules/catalog/catalog.repo.ts#departmentOf': 'kind and region of a unit id the caller supplied',
  'server/modules/catalog/catalog.repo.ts#granteeOf':
    'a grantee id the caller supplied, checked by the service',
  'server/modules/catalog/catalog.repo.ts#hasAuthorization': 'the caller’s own authorization for an item',
  'server/modules/cases/cases.repo.ts#baseQuery':
    'the select list; scoped() adds the reader’s scope to every use',
  'server/modules/cases/cases.repo.ts#casesQuery':
    'both steps apply matching(), which holds the reader’s scope',
  'server/modules/cases/cases.repo.ts#caseCountBase':
    'counts through matching(reader), the same scoped predicate as the list',
  'server/modules/cases/cases.repo.ts#reusableMaterials':
    'the store of an enterprise the caller acts for (checked by the service)',
  'server/modules/cases/cases.repo.ts#findStoredMaterials':
    'stored materials the caller named; the service checks they belong to the applicant',
  'server/modules/cases/cases.repo.ts#findCase':
    'scoped() holds the reader’s scope; the subselect names the found case’s agent',
  'server/modules/cases/cases.repo.ts#lockCase':
    'locks a row by id and returns nothing; the scoped load follows under the lock',
  'server/modules/cases/cases.repo.ts#regionAgents':
    'agents of a region the service checked the window serves (case:intake)',
  'server/modules/cases/cases.repo.ts#centerOf':
    'the center of a case’s region: issuer of receipts, told of intake',
  'server/modules/coordination/coordination.repo.ts#warnings':
    'the time limits of requests the enclosing query already scoped',
  'server/modules/coordination/coordination.repo.ts#unitsNear':
    'units the caller named; the service checks their kind and region',
  'server/modules/coordination/coordination.repo.ts#unitOfKind':
    'the center, leadership or supervision office of a request’s region',
  'server/platform/notify/notify.ts#unitRoleUserIds': 'recipients of a notice about their own unit’s work',
  'server/modules/coordination/coordination.repo.ts#departmentsNear':
    'departments a coordinator may consult: the request’s region and its city',
  'server/platform/deadlines/deadline.repo.ts#lockDeadline':
    'locks a deadline already found by a scoped read',
  'server/platform/deadlines/deadline.repo.ts#openDeadlinesPage':
    'system recomputation after a calendar change',
  'server/platform/deadlines/deadline.repo.ts#warnableDeadlines': 'the system sweep over every open deadline',
  'server/platform/deadlines/deadline.repo.ts#countOpen': 'a count for the CLI progress bar',
  'server/platform/notify/notify.ts#regionUsersWith':
    'recipients of a notice about their region’s meeting (the chair’s copy)',
  'server/platform/notify/notify.ts#unitUserIds': 'recipients of a notice about their own unit’s work',
  'server/platform/audit/audit.ts#sealAudit': 'the chain covers every row by definition',
  'server/platform/audit/audit.ts#selectChainRows': 'the chain covers every row by definition',
  'server/platform/audit/audit.ts#verifyAudit': 'the chain covers every row by definition',
};

describe('data scope', () => {
  it('scoped tables are never read unscoped outside the justified allowlist', () => {
    const offenders: string[] = [];
    const used = new Set<string>();
    // The demo seed and the CLI act as the system; scope.ts is the scoping mechanism itself.
    const exempt = new Set(['server/cli.ts', 'server/platform/access/scope.ts']);
    for (const f of serverFiles.filter((f) => !rel(f).startsWith('server/demo/') && !exempt.has(rel(f)))) {
      const text = fs.readFileSync(f, 'utf8');
      // Split into top-level functions; each is checked on its own.
      const parts = text.split(/\n(?=(?:export )?(?:async )?function )/);
      for (const part of parts) {
        const name = /function (\w+)/.exec(part)?.[1] ?? '(top level)';
        // Kysely reads (selectFrom('unit …')) and raw SQL reads (from unit / join unit).
        const reads = SCOPED_TABLES.some((t) =>
          new RegExp(`selectFrom\\('${t}[ ']|\\b(from|join) ${t}\\b`).test(part),
        );
        if (!reads || /\b(inScope|inRegionScope)\(/.test(part)) continue;
        const key = `${rel(f)}#${name}`;
        if (UNSCOPED_ALLOWED[key]) used.add(key);
        else offenders.push(key);
      }
    }
    expect(offenders).toEqual([]);
    // A stale allowlist entry hides nothing today but would hide something tomorrow.
    expect(Object.keys(UNSCOPED_ALLOWED).filter((k) => !used.has(k))).toEqual([]);
  });
});
